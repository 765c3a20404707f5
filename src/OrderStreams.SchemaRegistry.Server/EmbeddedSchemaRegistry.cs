using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrderStreams.SchemaRegistry.Server.Http;
using OrderStreams.SchemaRegistry.Server.Storage;

namespace OrderStreams.SchemaRegistry.Server;

/// <summary>
/// A Confluent-compatible Schema Registry on 127.0.0.1 for the embedded platform and tests: the REST API that
/// Confluent's serializers and tools speak, Avro compatibility checks, and the schemas kept in a data directory
/// across restarts.
/// </summary>
public sealed class EmbeddedSchemaRegistry : IAsyncDisposable
{
    /// <summary>The client setting that carries <see cref="Url"/>, as Confluent clients name it.</summary>
    public const string UrlSetting = "schema.registry.url";

    private readonly WebApplication app;
    private readonly SchemaStore store;

    private EmbeddedSchemaRegistry(WebApplication app, SchemaStore store, Uri url, string dataDirectory)
    {
        this.app = app;
        this.store = store;
        Url = url;
        DataDirectory = dataDirectory;
    }

    /// <summary>The bound base URL, for example <c>http://127.0.0.1:43817</c>.</summary>
    public Uri Url { get; }

    public string DataDirectory { get; }

    /// <summary>Replays the schemas in <paramref name="dataDirectory"/> and serves them on 127.0.0.1.</summary>
    /// <param name="dataDirectory">Where the registry's log lives; created if missing. One registry per directory.</param>
    /// <param name="port">The port to listen on; 0 picks a free one (see <see cref="Url"/>).</param>
    /// <param name="logging">Where server warnings and errors go; by default standard error.</param>
    public static async Task<EmbeddedSchemaRegistry> StartAsync(
        string dataDirectory, int port = 0, Action<ILoggingBuilder>? logging = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        dataDirectory = Path.GetFullPath(dataDirectory);
        var store = SchemaStore.Open(dataDirectory);
        try
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(EmbeddedSchemaRegistry).Assembly.GetName().Name });
            builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
            builder.Logging.ClearProviders();
            if (logging is null)
                builder.Logging.SetMinimumLevel(LogLevel.Warning).AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
            else
                logging(builder.Logging);

            var app = builder.Build();
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<EmbeddedSchemaRegistry>();
            app.UseStatusCodePages(context => RegistryHttp.WriteStatusBodyAsync(context.HttpContext));
            app.Use((context, next) => RegistryHttp.HandleErrorsAsync(context, next, logger));
            RegistryEndpoints.Map(app, store);
            await app.StartAsync(cancellationToken);

            var url = new Uri(app.Urls.First());
            return new EmbeddedSchemaRegistry(app, store, url, dataDirectory);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        store.Dispose();
    }
}
