using System.Diagnostics;
using System.Text.RegularExpressions;
using OrderStreams.Kafka.Topics;
using OrderStreams.Testing;

namespace OrderStreams.Kafka.Tests.Embedded;

/// <summary><c>orderstreams broker</c> as a user runs it, checked with kcat (an independent Kafka client).</summary>
public sealed partial class BrokerCommandTests : IDisposable
{
    private readonly ChildProcess broker;
    private readonly string bootstrapFile = Path.GetTempFileName();

    public BrokerCommandTests()
    {
        broker = ChildProcess.StartDotnet(
            RepositoryPaths.AssemblyOf("src/OrderStreams.Cli", "orderstreams"),
            ["broker", "--manifest", RepositoryPaths.Of(TopicManifest.RelativePath), "--bootstrap-file", bootstrapFile]);
        FirstLine = broker.ReadLine(TimeSpan.FromSeconds(30)) ?? throw new TimeoutException($"No output from the broker. {broker.Errors}");
        Bootstrap = FirstLine.Split('=', 2)[1];
    }

    private string FirstLine { get; }

    private string Bootstrap { get; }

    [Fact]
    public void FirstLine_IsTheBootstrapServers_AlsoWrittenToTheFile()
    {
        Assert.Matches(BootstrapLine(), FirstLine);
        Assert.Equal(FirstLine, File.ReadAllText(bootstrapFile).Trim());
    }

    [Fact]
    public void Kcat_ListsEveryManifestTopicWithItsPartitionCount()
    {
        var listing = Kcat("-L");

        foreach (var topic in TopicManifest.Load(RepositoryPaths.Of(TopicManifest.RelativePath)).Topics)
            Assert.Contains($"topic \"{topic.Name}\" with {topic.Partitions} partitions", listing);
    }

    [Fact]
    public void Kcat_ProducesAndConsumesRecords()
    {
        var lines = Enumerable.Range(0, 20).Select(i => $"branch-{i % 4}:order-{i}").ToList();
        Kcat("-P -t orders.placed -K :", string.Join('\n', lines) + "\n");

        var consumed = Kcat("-C -t orders.placed -o beginning -e -q -f %k:%s\\n");

        Assert.Equal(lines.Order(), consumed.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
    }

    [Fact]
    public void Sigterm_StopsTheBrokerCleanly() => Assert.Equal(0, broker.Stop(TimeSpan.FromSeconds(20)));

    public void Dispose()
    {
        broker.Dispose();
        File.Delete(bootstrapFile);
    }

    private string Kcat(string arguments, string? input = null)
    {
        var start = new ProcessStartInfo("kcat", $"-b {Bootstrap} {arguments}")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var kcat = Process.Start(start)!;
        if (input is not null) kcat.StandardInput.Write(input);
        kcat.StandardInput.Close();
        var output = kcat.StandardOutput.ReadToEndAsync();
        var errors = kcat.StandardError.ReadToEndAsync();
        Assert.True(kcat.WaitForExit(TimeSpan.FromSeconds(60)), "kcat did not finish");
        Assert.True(kcat.ExitCode == 0, $"kcat {arguments} failed: {errors.Result}");
        return output.Result;
    }

    [GeneratedRegex(@"^bootstrap\.servers=127\.0\.0\.1:\d+(,127\.0\.0\.1:\d+){2}$")]
    private static partial Regex BootstrapLine();
}
