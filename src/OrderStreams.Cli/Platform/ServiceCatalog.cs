namespace OrderStreams.Cli.Platform;

/// <summary>The topology services the platform runs, in pipeline order.</summary>
internal static class ServiceCatalog
{
    public static IReadOnlyList<ServiceSpec> All { get; } = [];
}
