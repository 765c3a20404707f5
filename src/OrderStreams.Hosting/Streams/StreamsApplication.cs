using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderStreams.Hosting.Configuration;
using OrderStreams.Hosting.Health;
using OrderStreams.SchemaRegistry;
using OrderStreams.SchemaRegistry.Client;
using OrderStreams.Streams;

namespace OrderStreams.Hosting.Streams;

/// <summary>Wires a service's topology onto the host: options, the registry client, <see cref="KafkaStreams"/>, its lifetime and readiness.</summary>
public static class StreamsApplication
{
    /// <summary>
    /// Binds and validates <see cref="KafkaOptions"/>, <see cref="SchemaRegistryOptions"/> and <see cref="StreamsOptions"/>,
    /// builds the topology with <paramref name="topology"/> and runs it while the host runs. <c>/readyz</c> reports
    /// ready while the streams application is running with all its partitions assigned and its stores restored.
    /// </summary>
    public static IHostApplicationBuilder AddStreamsApplication(
        this IHostApplicationBuilder builder, string serviceName, Func<IServiceProvider, ISchemaRegistry, Topology> topology)
    {
        builder.AddValidatedOptions<KafkaOptions>(KafkaOptions.Section);
        builder.AddValidatedOptions<SchemaRegistryOptions>(SchemaRegistryOptions.Section);
        builder.AddValidatedOptions<StreamsOptions>(StreamsOptions.Section);

        var services = builder.Services;
        services.AddSingleton<ISchemaRegistry>(sp =>
        {
            var registry = sp.GetRequiredService<IOptions<SchemaRegistryOptions>>().Value;
            return new SchemaRegistryClient(new SchemaRegistryClientConfig { Url = registry.Url, BasicAuthUserInfo = registry.BasicAuthUserInfo });
        });
        services.AddSingleton(sp => ServiceStreamsConfig.Create(
            serviceName,
            sp.GetRequiredService<IOptions<KafkaOptions>>().Value,
            sp.GetRequiredService<IOptions<StreamsOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(sp => topology(sp, sp.GetRequiredService<ISchemaRegistry>()));
        services.AddSingleton(sp => new KafkaStreams(sp.GetRequiredService<Topology>(), sp.GetRequiredService<StreamsConfig>()));

        var readiness = new ReadinessSignal("streams starting");
        services.AddSingleton(readiness);
        services.AddHealthChecks().AddCheck<StreamsReadinessCheck>("streams", tags: [HealthTags.Ready]);
        services.AddHostedService<StreamsHostedService>();
        return builder;
    }
}
