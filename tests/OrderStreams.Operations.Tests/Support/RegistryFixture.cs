using Confluent.SchemaRegistry;
using OrderStreams.SchemaRegistry;
using OrderStreams.SchemaRegistry.Server;

namespace OrderStreams.Operations.Tests.Support;

/// <summary>One embedded schema registry for the collection; tests use topics of their own, so subjects never meet.</summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"operations-registry-{Guid.NewGuid():N}");
    private EmbeddedSchemaRegistry? registry;

    public string Url => registry!.Url.ToString();

    public ISchemaRegistryClient Client() => new SchemaRegistrySettings { Url = Url }.CreateClient();

    public async Task InitializeAsync() => registry = await EmbeddedSchemaRegistry.StartAsync(directory, logging: _ => { });

    public async Task DisposeAsync()
    {
        if (registry is not null) await registry.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }
}
