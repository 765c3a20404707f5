using OrderStreams.BranchAssignment;
using OrderStreams.Denormaliser;
using OrderStreams.DriverAssignment;
using OrderStreams.Hosting.Streams;
using OrderStreams.SchemaRegistry;
using OrderStreams.OrderFlow;
using OrderStreams.PaymentCompletion;
using OrderStreams.Streams;
using OrderStreams.Testing;

namespace OrderStreams.Platform.Tests;

/// <summary>
/// The catalog is what the platform, lag, resets, rebuilds and replays believe a service reads and writes; the
/// topologies are what it does. These keep the two from drifting apart.
/// </summary>
public sealed class ServiceCatalogTests
{
    private static readonly InMemorySchemaRegistry Registry = new();

    /// <summary>Each service's topology as its program builds it, with default options.</summary>
    private static readonly IReadOnlyDictionary<string, Func<Topology>> Topologies = new Dictionary<string, Func<Topology>>
    {
        ["payment-completion"] = () => PaymentCompletionTopology.Build(Registry, new PaymentCompletionOptions(), BranchRoutingTable.Empty),
        ["branch-assignment"] = () => BranchAssignmentTopology.Build(Registry, new BranchAssignmentOptions(), BranchRoutingTable.Empty),
        ["driver-assignment"] = () => DriverAssignmentTopology.Build(Registry, BranchRoutingTable.Empty),
        ["denormaliser"] = () => DenormaliserTopology.Build(Registry, new DenormaliserOptions()),
    };

    public static TheoryData<string> ServiceNames() => [.. ServiceCatalog.All.Select(s => s.Name)];

    [Fact]
    public void All_ListsEveryServiceProject_AndOnlyThose()
    {
        var projects = Directory.GetDirectories(RepositoryPaths.Of("services")).Select(d => $"services/{Path.GetFileName(d)}");

        Assert.Equal(projects.Order(StringComparer.Ordinal), ServiceCatalog.All.Select(s => s.Project).Order(StringComparer.Ordinal));
        Assert.Equal(Topologies.Keys.Order(StringComparer.Ordinal), ServiceCatalog.All.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.All(ServiceCatalog.All, s => Assert.True(
            File.Exists(RepositoryPaths.Of(s.Project, $"{s.Assembly}.csproj")), $"{s.Name}: no {s.Assembly}.csproj in {s.Project}."));
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void Spec_NamesTheTopicsItsTopologyReadsAndWrites(string service)
    {
        var spec = ServiceCatalog.Find(service);
        var topics = TopologyTopics.Of(Topologies[service]());

        Assert.Equal(Sorted(topics.Sources), Sorted(spec.InputTopics));
        Assert.Equal(Sorted(topics.Sinks), Sorted(spec.OutputTopics));
        Assert.Equal(Sorted(topics.GlobalSources), Sorted(spec.GlobalTopics ?? []));
    }

    private static List<string> Sorted(IEnumerable<string> topics) => [.. topics.Order(StringComparer.Ordinal)];
}
