using OrderStreams.Avro.Specific;

namespace OrderStreams.Contracts.Tests.Support;

/// <summary>Every generated record type of OrderStreams.Contracts, found by the interface it implements.</summary>
internal static class ContractCatalog
{
    public static IReadOnlyDictionary<string, IContractCase> All { get; } = typeof(AvroContracts).Assembly.GetTypes()
        .Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IAvroRecord<>)))
        .ToDictionary(t => t.Name, t => (IContractCase)Activator.CreateInstance(typeof(ContractCase<>).MakeGenericType(t))!);

    public static TheoryData<string> Names => new(All.Keys.Order(StringComparer.Ordinal));

    /// <summary>A fixed seed per type, so a failure reproduces.</summary>
    public static Random RandomFor(string name) => new(20261122 + name.Sum(c => c));
}
