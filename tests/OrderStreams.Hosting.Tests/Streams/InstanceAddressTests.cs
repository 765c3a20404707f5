using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrderStreams.Hosting.Streams;
using OrderStreams.Streams;

namespace OrderStreams.Hosting.Tests.Streams;

public sealed class InstanceAddressTests
{
    [Theory]
    [InlineData("{ip}:8104", "10.0.0.7:8104")]
    [InlineData("denormaliser-0.denormaliser:8104", "denormaliser-0.denormaliser:8104")]
    [InlineData(null, null)]
    public void Expand_ReplacesOnlyThePlaceholder(string? configured, string? expected) =>
        Assert.Equal(expected, InstanceAddress.Expand(configured, () => "10.0.0.7"));

    [Fact]
    public void LocalIPv4_IsAnAddressOfThisMachineOtherThanLoopback()
    {
        var address = IPAddress.Parse(InstanceAddress.LocalIPv4());

        Assert.False(IPAddress.IsLoopback(address));
        Assert.Equal(System.Net.Sockets.AddressFamily.InterNetwork, address.AddressFamily);
    }

    [Fact]
    public void AddStreamsApplication_Placeholders_OptionsAndRuntimeSeeTheSameValues()
    {
        var state = Directory.CreateTempSubdirectory("instance-address-").FullName;
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = "localhost:9092",
            ["SchemaRegistry:Url"] = "http://localhost:8081",
            ["Streams:ApplicationServer"] = "{ip}:8104",
            ["Streams:StateDir"] = Path.Combine(state, "{slot}"),
        });
        builder.AddStreamsApplication("queries", (_, _) => new StreamsBuilder().Build());
        try
        {
            using var app = builder.Build();

            var published = app.Services.GetRequiredService<IOptions<StreamsOptions>>().Value.ApplicationServer;
            Assert.Equal($"{InstanceAddress.LocalIPv4()}:8104", published);
            Assert.Equal(published, app.Services.GetRequiredService<StreamsConfig>().ApplicationServer);
            Assert.Equal(Path.Combine(state, "slot-0"), app.Services.GetRequiredService<StreamsConfig>().StateDir);
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }
}
