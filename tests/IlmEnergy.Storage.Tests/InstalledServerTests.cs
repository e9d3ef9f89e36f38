using IlmEnergy.Testing;

namespace IlmEnergy.Storage.Tests;

public class InstalledServerTests
{
    [Fact]
    public void A_missing_server_binary_says_how_to_install_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() => InstalledServer.Require("/nonexistent/influxd", "influxdb"));
        Assert.Contains("scripts/test.sh", error.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install -y influxdb", error.Message, StringComparison.Ordinal);
        Assert.Equal(InfluxDbFixture.BinaryPath, InstalledServer.Require(InfluxDbFixture.BinaryPath, "influxdb"));
    }

    [Fact]
    public void Free_ports_are_not_handed_out_twice()
    {
        var ports = Enumerable.Range(0, 50).Select(_ => FreePort.Next()).ToList();
        Assert.Equal(ports.Count, ports.Distinct().Count());
        Assert.All(ports, p => Assert.InRange(p, 1024, 65535));
    }
}
