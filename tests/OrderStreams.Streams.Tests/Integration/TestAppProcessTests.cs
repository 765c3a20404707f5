using System.Diagnostics;
using System.Text;
using OrderStreams.Streams.Serialization;

namespace OrderStreams.Streams.Tests.Integration;

/// <summary>Runs the word-count test app as a separate process against the embedded broker.</summary>
[Collection(EmbeddedKafkaCollection.Name)]
public sealed class TestAppProcessTests(EmbeddedKafkaFixture kafka) : IDisposable
{
    private readonly string stateDir = Path.Combine(Path.GetTempPath(), "orderstreams-app", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(stateDir)) Directory.Delete(stateDir, recursive: true);
    }

    [Fact]
    public async Task TestApp_SigTerm_CountsThenStopsCleanly()
    {
        var (input, output) = ($"app-in-{Guid.NewGuid():N}", $"app-out-{Guid.NewGuid():N}");
        kafka.Cluster.CreateTopic(input, 2);
        kafka.Cluster.CreateTopic(output, 2);
        kafka.Produce(input, [("a", Encoding.UTF8.GetBytes("x y x"))]);
        var app = Path.Combine(AppContext.BaseDirectory, "OrderStreams.Streams.TestApp.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { app, kafka.Cluster.BootstrapServers, $"app-{Guid.NewGuid():N}", input, output, stateDir, $"embedded-admin-url={kafka.Control.Url}" },
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
        };
        using var process = Process.Start(start)!;

        Assert.Equal("RUNNING", await process.StandardOutput.ReadLineAsync());
        var records = kafka.ReadUntil(output, r => r.Any(x => Encoding.UTF8.GetString(x.Message.Key) == "x" && Serdes.Long.Deserialize(x.Message.Value, default) == 2));
        Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]).WaitForExit();
        var last = await process.StandardOutput.ReadLineAsync();
        await process.WaitForExitAsync();

        Assert.Contains(records, r => Encoding.UTF8.GetString(r.Message.Key) == "x" && Serdes.Long.Deserialize(r.Message.Value, default) == 2);
        Assert.Equal("STOPPED", last);
        Assert.Equal(0, process.ExitCode);
        Assert.True(Directory.EnumerateFiles(stateDir, ".checkpoint", SearchOption.AllDirectories).Any());
    }
}
