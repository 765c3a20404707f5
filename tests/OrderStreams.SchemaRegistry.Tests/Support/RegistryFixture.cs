using Confluent.SchemaRegistry;
using OrderStreams.SchemaRegistry.Server;

namespace OrderStreams.SchemaRegistry.Tests.Support;

/// <summary>An embedded registry on a free 127.0.0.1 port with its own data directory, for one test.</summary>
internal sealed class RegistryFixture : IAsyncDisposable
{
    private readonly TempDirectory directory;

    private RegistryFixture(TempDirectory directory, EmbeddedSchemaRegistry registry)
    {
        this.directory = directory;
        Registry = registry;
    }

    public EmbeddedSchemaRegistry Registry { get; private set; }

    public string Url => Registry.Url.ToString().TrimEnd('/');

    public string DataDirectory => directory.Path;

    public static async Task<RegistryFixture> StartAsync()
    {
        var directory = new TempDirectory();
        return new RegistryFixture(directory, await EmbeddedSchemaRegistry.StartAsync(directory.Path, logging: _ => { }));
    }

    /// <summary>A new Confluent.SchemaRegistry client of this registry (each has its own caches).</summary>
    public ISchemaRegistryClient Client() => new SchemaRegistrySettings { Url = Url }.CreateClient();

    /// <summary>Stops the registry and starts a new one on the same data directory (and a new port).</summary>
    public async Task RestartAsync()
    {
        await Registry.DisposeAsync();
        Registry = await EmbeddedSchemaRegistry.StartAsync(directory.Path, logging: _ => { });
    }

    public async ValueTask DisposeAsync()
    {
        await Registry.DisposeAsync();
        directory.Dispose();
    }
}
