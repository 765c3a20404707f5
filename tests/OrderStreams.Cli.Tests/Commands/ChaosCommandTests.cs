using System.Text;
using System.Text.Json;
using OrderStreams.Testing;
using OrderStreams.Testing.Brokers;

namespace OrderStreams.Cli.Tests.Commands;

/// <summary>
/// <c>orderstreams chaos</c> as a user runs it: the platform under traffic with faults, then its audit of every order
/// from the topics. Each run is short (under a minute of faults) at a low rate, for a loaded 2-core machine; the long
/// soak's figures are in docs/operations.md.
/// </summary>
[Collection(ChaosCollection.Name)]
public sealed class ChaosCommandTests
{
    private const string Why = "kills services and injects broker faults on the embedded cluster";

    [EmbeddedBrokerFact(Why)]
    public void Chaos_ServicesKilledAndABrokerStoppedUnderTraffic_EveryOrderHasOneOutcomeAndTheAuditPasses()
    {
        var (exitCode, summary, errors) = RunChaos("--duration", "80", "--kill-every", "15", "--broker-stop-every", "45");

        AssertPassed(exitCode, summary, errors);
        Assert.True(summary.GetProperty("kills").GetInt32() >= 4, $"{summary}");
        Assert.True(summary.GetProperty("restarts").GetInt32() >= summary.GetProperty("kills").GetInt32(), $"{summary}");
        Assert.True(summary.GetProperty("brokerStops").GetInt32() >= 1, $"{summary}");
    }

    [EmbeddedBrokerFact(Why)]
    public void Chaos_BrokerDownForTenSeconds_PipelineRecoversWithoutARestartOrLoss() =>
        AssertRecoversWithoutARestart(["--broker-stop-every", "20", "--broker-down-for", "10"], "brokerStops", 2);

    [EmbeddedBrokerFact(Why)]
    public void Chaos_GroupCoordinatorsFailOver_PipelineRecoversWithoutARestartOrLoss() =>
        AssertRecoversWithoutARestart(["--coordinator-failover-every", "12"], "coordinatorFailovers", 4);

    [EmbeddedBrokerFact(Why)]
    public void Chaos_ProduceAndFetchErrorsInjected_PipelineRecoversWithoutARestartOrLoss() =>
        AssertRecoversWithoutARestart(["--request-errors-every", "8"], "errorBursts", 6);

    /// <summary>Fifty seconds of one kind of fault and no kills: no service may crash, and the audit must pass.</summary>
    private static void AssertRecoversWithoutARestart(string[] fault, string counter, int expected)
    {
        string[] noBrokerStops = fault.Contains("--broker-stop-every") ? [] : ["--broker-stop-every", "0"];
        var (exitCode, summary, errors) = RunChaos(["--duration", "50", "--kill-every", "0", .. noBrokerStops, .. fault]);

        AssertPassed(exitCode, summary, errors);
        Assert.True(summary.GetProperty(counter).GetInt32() == expected, $"{counter}: {summary}");
        Assert.True(summary.GetProperty("restarts").GetInt32() == 0, $"a service crashed: {summary}\n{errors}");
    }

    private static void AssertPassed(int exitCode, JsonElement summary, string errors)
    {
        var audit = summary.GetProperty("audit");
        var context = $"{summary}\nlast progress:\n{string.Join('\n', errors.Split('\n').TakeLast(30))}";
        Assert.True(audit.GetProperty("orders").GetInt64() >= 50, context);
        string[] zeros =
            ["stuck", "lost", "conflicting", "twoOutcomes", "viewMismatches", "queryFailures", "deadLetters", "unreadable", "truncatedPartitions"];
        foreach (var zero in zeros)
            Assert.True(audit.GetProperty(zero).GetInt64() == 0, $"{zero}: {context}");
        Assert.True(audit.GetProperty("queriesAsked").GetInt32() >= 20, context);
        Assert.True(summary.GetProperty("settled").GetBoolean(), context);
        Assert.True(summary.GetProperty("passed").GetBoolean(), context);
        Assert.True(exitCode == 0, $"exit code {exitCode}: {context}");
    }

    private static (int ExitCode, JsonElement Summary, string Errors) RunChaos(params string[] args)
    {
        var state = Directory.CreateTempSubdirectory("orderstreams-chaos-").FullName;
        try
        {
            using var chaos = ChildProcess.StartDotnet(RepositoryPaths.AssemblyOf("src/OrderStreams.Cli", "orderstreams"),
                ["chaos", .. args, "--orders-per-second", "3", "--state-dir", state, "--configuration", RepositoryPaths.Configuration, "--json"]);
            var exitCode = chaos.WaitForExit(TimeSpan.FromMinutes(15));
            var output = new StringBuilder();
            while (chaos.ReadLine(TimeSpan.FromSeconds(1)) is { } line) output.AppendLine(line);
            try
            {
                return (exitCode, JsonDocument.Parse(output.ToString()).RootElement.Clone(), chaos.Errors);
            }
            catch (JsonException)
            {
                throw new InvalidOperationException($"chaos exited with {exitCode} and printed no summary: {output}\n{chaos.Errors}");
            }
        }
        finally
        {
            try
            {
                Directory.Delete(state, recursive: true);
            }
            catch (IOException)
            {
                // A service still stopping (they stop within 5 s of the platform) writes there; the temp folder keeps it.
            }
        }
    }
}
