// Every test starts its own mosquitto, InfluxDB and ingester processes and loads the two shared cores;
// run them one after another so a fault test's timing is not at the mercy of another test's load.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
