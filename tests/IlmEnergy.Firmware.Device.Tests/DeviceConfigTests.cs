using IlmEnergy.Firmware.Protocol.Encoding;

namespace IlmEnergy.Firmware.Device.Tests;

public class DeviceConfigTests
{
    private static readonly string ServerKey = Base58.Encode(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private static string File(string extra = "") =>
        "# plug settings\nboard=athom-plug-v3\r\nbrokerHost = 192.168.1.10\nbrokerPort=8883\nserverKey=" + ServerKey + "\noptIn=true\n\n" + extra;

    [Fact]
    public void ParsesEveryKeyWithDefaults()
    {
        DeviceConfig c = DeviceConfig.Parse(File());
        Assert.Equal("athom-plug-v3", c.Board);
        Assert.Equal("192.168.1.10", c.BrokerHost);
        Assert.Equal(8883, c.BrokerPort);
        Assert.Equal(Enumerable.Range(1, 32).Select(i => (byte)i), c.ServerKey);
        Assert.True(c.OptIn);
        Assert.Equal(6, c.SamplesPerBatch);
        Assert.Equal(30, c.OfflineSamplesPerBatch);

        DeviceConfig tuned = DeviceConfig.Parse(File("sampleSeconds=5\nbatchSeconds=300\nofflineSampleSeconds=120\nofflineBatchSeconds=3600\nofflineAfterBatches=10"));
        Assert.Equal(60, tuned.SamplesPerBatch);
        Assert.Equal(30, tuned.OfflineSamplesPerBatch);
        Assert.Equal(10, tuned.OfflineAfterBatches);
    }

    [Theory]
    [InlineData("colour=blue", "line 8: unknown key 'colour'")]
    [InlineData("wifiSsid=home", "nanoff --networkdeployment")]
    [InlineData("brokerPort=70000", "brokerPort must be 1-65535")]
    [InlineData("brokerPort=12a", "brokerPort must be a whole number")]
    [InlineData("optIn=yes", "optIn must be true or false")]
    [InlineData("serverKey=0OIl", "serverKey must be the Base58 form")]
    [InlineData("board=Athom Plug", "board must be 1-32 characters")]
    [InlineData("batchSeconds=1000", "at most 80 samples per batch")]
    [InlineData("batchSeconds=65", "batchSeconds must be a multiple of sampleSeconds")]
    [InlineData("offlineSampleSeconds=25", "offlineSampleSeconds must be a multiple of sampleSeconds")]
    [InlineData("just text", "expected key=value")]
    public void RejectsBadValuesWithAClearMessage(string line, string expected)
    {
        ArgumentException e = Assert.ThrowsAny<ArgumentException>(() => DeviceConfig.Parse(File(line)));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequiresBoardBrokerAndServerKey()
    {
        Assert.Contains("board is required", Assert.ThrowsAny<ArgumentException>(() => DeviceConfig.Parse("brokerHost=x\nserverKey=" + ServerKey)).Message, StringComparison.Ordinal);
        Assert.Contains("brokerHost is required", Assert.ThrowsAny<ArgumentException>(() => DeviceConfig.Parse("board=a\nserverKey=" + ServerKey)).Message, StringComparison.Ordinal);
        Assert.Contains("serverKey is required", Assert.ThrowsAny<ArgumentException>(() => DeviceConfig.Parse("board=a\nbrokerHost=x")).Message, StringComparison.Ordinal);
        Assert.ThrowsAny<ArgumentException>(() => DeviceConfig.Parse(null!));
    }
}
