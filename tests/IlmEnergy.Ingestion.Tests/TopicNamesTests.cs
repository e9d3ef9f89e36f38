using IlmEnergy.Ingestion.Pipeline;

namespace IlmEnergy.Ingestion.Tests;

public sealed class TopicNamesTests
{
    [Theory]
    [InlineData("ilm/v1/dev/abc/readings", "abc")]
    [InlineData("ilm/v1/dev/abc/hello", "abc")]
    [InlineData("ilm/v1/dev/abc", "abc")]
    [InlineData("ilm/v1/dev//readings", null)]
    [InlineData("ilm/v1/dev/", null)]
    [InlineData("ilm/v2/dev/abc/readings", null)]
    public void The_device_id_is_the_segment_after_the_prefix(string topic, string? expected) =>
        Assert.Equal(expected, TopicNames.DeviceIdOf(topic));

    [Theory]
    [InlineData("ilm/v1/dev/abc/readings", "abc")]
    [InlineData("ilm/v1/dev/abc/hello", null)]
    [InlineData("ilm/v1/dev/a/b/readings", null)]
    [InlineData("ilm/v1/dev//readings", null)]
    [InlineData("other/abc/readings", null)]
    public void Only_exact_readings_topics_yield_a_device_id(string topic, string? expected) =>
        Assert.Equal(expected, TopicNames.DeviceIdOfReadings(topic));

    [Theory]
    [InlineData("ilm/v1/dev/abc/hello", "abc")]
    [InlineData("ilm/v1/dev/abc/readings", null)]
    [InlineData("ilm/v1/dev/a/b/hello", null)]
    [InlineData("ilm/v1/dev//hello", null)]
    [InlineData("ilm/v1/dev/abc/hello/x", null)]
    public void Only_exact_hello_topics_yield_a_device_id(string topic, string? expected) =>
        Assert.Equal(expected, TopicNames.DeviceIdOfHello(topic));

    [Fact]
    public void Filters_and_names_follow_the_protocol()
    {
        Assert.Equal("ilm/v1/dev/+/readings", TopicNames.ReadingsFilter);
        Assert.Equal("ilm/v1/dev/+/hello", TopicNames.HelloFilter);
        Assert.Equal("ilm/v1/dev/abc/hello", TopicNames.Hello("abc"));
    }
}
