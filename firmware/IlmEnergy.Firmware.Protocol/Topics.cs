namespace IlmEnergy.Firmware.Protocol
{
    /// <summary>MQTT topic names from docs/protocol.md §4; <c>deviceId</c> is the Base58 public key.</summary>
    public static class Topics
    {
        public const string Prefix = "ilm/v1/dev/";
        public const string StatusOnline = "online";
        public const string StatusOffline = "offline";

        /// <summary>MQTT 5 shared subscription through which ingesters split the readings load.</summary>
        public const string SharedReadingsSubscription = "$share/ilm-ingest/ilm/v1/dev/+/readings";

        public static string Readings(string deviceId)
        {
            return Prefix + deviceId + "/readings";
        }

        public static string Hello(string deviceId)
        {
            return Prefix + deviceId + "/hello";
        }

        /// <summary>Retained; the device's last will sets it to <see cref="StatusOffline"/>.</summary>
        public static string Status(string deviceId)
        {
            return Prefix + deviceId + "/status";
        }

        public static string Command(string deviceId)
        {
            return Prefix + deviceId + "/cmd";
        }
    }
}
