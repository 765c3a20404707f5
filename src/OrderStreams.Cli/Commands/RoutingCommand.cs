using System.CommandLine;
using System.Text;
using OrderStreams.Kafka.Clients;
using OrderStreams.OrderFlow;
using OrderStreams.Simulator;
using OrderStreams.Simulator.World;

namespace OrderStreams.Cli.Commands;

/// <summary>
/// <c>orderstreams routing</c>: the branch routing table and each branch's partition of the order-flow topics, so a
/// producer's partitioning can be checked against what the services expect.
/// </summary>
internal static class RoutingCommand
{
    public static Command Create()
    {
        var branches = new Argument<string[]>("branch")
        {
            Description = "Branch ids to show (default: the simulator's branch-00 … branch-11).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var routing = new Option<string>("--branch-routing")
        {
            Description = "The routing table, branch=partition,… as the services' BranchRouting setting.",
            DefaultValueFactory = _ => DevCommand.DefaultBranchRouting,
        };
        var partitions = new Option<int?>("--partitions") { Description = "Partitions of the order-flow topics (default: the manifest's)." };
        var manifestFile = TopicsCommand.ManifestOption();
        var command = new Command("routing", "Each branch's partition of the order-flow topics under a routing table, and which branches a plain murmur2 producer would misplace.")
        {
            branches, routing, partitions, manifestFile,
        };
        command.SetAction(parse =>
        {
            var table = ParseOption(parse.GetValue(routing));
            var count = parse.GetValue(partitions) ?? TopicsCommand.LoadManifest(parse.GetValue(manifestFile))[OrderFlowTopics.OrdersPlaced].Partitions;
            if (count < 1) throw new InvalidDataException($"--partitions must be at least 1, not {count}.");
            var shown = parse.GetValue(branches) is { Length: > 0 } given
                ? given
                : Enumerable.Range(0, new SimulatorOptions().Branches).Select(City.Branch).ToArray();
            Console.Write(Describe(table, count, shown));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The table and one line per branch: its partition, its murmur2 partition, and why they differ.</summary>
    internal static string Describe(BranchRoutingTable table, int partitionCount, IEnumerable<string> branches)
    {
        var text = new StringBuilder();
        var spec = table.ToString();
        text.AppendLine($"BranchRouting '{spec}' over {partitionCount} partitions of {string.Join(", ", OrderFlowTopics.BranchKeyed)}.");
        text.AppendLine("A producer with Kafka's default (murmur2) partitioner puts every branch where the services expect it, except the ones marked 'moved':");
        text.AppendLine("send those to the partition shown (the services forward a misplaced record there, at the cost of a copy).");
        text.AppendLine($"{"branch",-24} {"partition",9} {"murmur2",7}  placement");
        foreach (var branch in branches)
        {
            int partition;
            try
            {
                partition = table.PartitionFor(branch, partitionCount);
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"BranchRouting '{spec}': {e.Message}", e);
            }
            var murmur2 = KafkaClientDefaults.PartitionFor(Encoding.UTF8.GetBytes(branch), partitionCount);
            var placement = table.DedicatedPartitions.ContainsKey(branch) ? "moved: dedicated partition"
                : partition != murmur2 ? $"moved: murmur2 partition {murmur2} is dedicated"
                : "murmur2";
            text.AppendLine($"{branch,-24} {partition,9} {murmur2,7}  {placement}");
        }
        return text.ToString();
    }

    /// <summary>Reads a <c>--branch-routing</c> option.</summary>
    public static BranchRoutingTable ParseOption(string? spec)
    {
        try
        {
            return BranchRoutingTable.Parse(spec);
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"--branch-routing: {e.Message}", e);
        }
    }
}
