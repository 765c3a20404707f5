using System.Text;
using OrderStreams.Kafka.Clients;

namespace OrderStreams.Cli.Tests.Commands;

public sealed class RoutingCommandTests
{
    [Fact]
    public void Routing_DevDefaultTable_PrintsEachBranchsPartitionAndMarksOnlyTheMovedOnes()
    {
        var (exitCode, output, errors) = Cli.Run("routing", "--partitions", "12");

        Assert.True(exitCode == 0, errors);
        Assert.Contains("BranchRouting 'branch-00=11' over 12 partitions", output);
        var rows = output.Split('\n').Where(l => l.StartsWith("branch-", StringComparison.Ordinal))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToDictionary(c => c[0]);
        Assert.Equal(12, rows.Count);
        Assert.Equal(["branch-00", "11"], rows["branch-00"][..2]);
        Assert.Contains("moved:", string.Join(' ', rows["branch-00"]));
        foreach (var (branch, columns) in rows.Where(r => r.Key != "branch-00"))
        {
            var murmur2 = KafkaClientDefaults.PartitionFor(Encoding.UTF8.GetBytes(branch), 12);
            Assert.Equal(murmur2.ToString(), columns[2]);
            if (murmur2 != 11) Assert.Equal([murmur2.ToString(), "murmur2"], columns[^2..]);
            else Assert.NotEqual("11", columns[1]);
        }
    }

    [Fact]
    public void Routing_GivenBranchesAndTable_ShowsThoseOnly()
    {
        var (exitCode, output, errors) = Cli.Run("routing", "--branch-routing", "hot=3", "--partitions", "4", "hot", "branch-x");

        Assert.True(exitCode == 0, errors);
        Assert.Matches(@"(?m)^hot\s+3\s+\d\s+moved: dedicated partition$", output);
        Assert.Single(output.Split('\n'), l => l.StartsWith("branch-x", StringComparison.Ordinal));
    }

    [Fact]
    public void Routing_InvalidTable_DataErrorNamingTheOption()
    {
        var (exitCode, _, errors) = Cli.Run("routing", "--branch-routing", "hot", "--partitions", "4");

        Assert.Equal(65, exitCode);
        Assert.Contains("--branch-routing", errors);
    }
}
