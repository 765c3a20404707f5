using System.Diagnostics.Metrics;
using Confluent.SchemaRegistry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Resources;
using OrderStreams.Hosting.Configuration;
using OrderStreams.Hosting.Health;
using OrderStreams.Streams;
using OrderStreams.Streams.Processor;

namespace OrderStreams.Hosting.Streams;

/// <summary>Wires a service's topology onto the host: options, the registry client, <see cref="KafkaStreams"/>, its lifetime and readiness.</summary>
public static class StreamsApplication
{
    private static readonly TimeSpan ShutdownMargin = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Binds and validates <see cref="KafkaOptions"/>, <see cref="SchemaRegistryOptions"/> and <see cref="StreamsOptions"/>,
    /// builds the topology with <paramref name="topology"/> and runs it while the host runs. <c>/readyz</c> reports
    /// ready while the streams application is running with all its partitions assigned and its stores restored; with
    /// <c>Streams:ProcessUntil</c> it also says (check <c>process-until</c>) whether the bound has been reached.
    /// <c>Streams:ApplicationServer</c> may use <c>{ip}</c> for this instance's address and <c>Streams:StateDir</c>
    /// <c>{slot}</c> for a directory no other running instance holds. An <see cref="IKeyOwnership"/> in the services
    /// makes every task check that its records are on the partitions owning their keys.
    /// </summary>
    public static IHostApplicationBuilder AddStreamsApplication(
        this IHostApplicationBuilder builder, string serviceName, Func<IServiceProvider, ISchemaRegistryClient, Topology> topology)
    {
        builder.AddValidatedOptions<KafkaOptions>(KafkaOptions.Section);
        builder.AddValidatedOptions<SchemaRegistryOptions>(SchemaRegistryOptions.Section);
        builder.AddValidatedOptions<StreamsOptions>(StreamsOptions.Section);
        // The host waits for the streams to close (commit, checkpoint, leave the group), then for the rest of its services.
        builder.Services.AddOptions<HostOptions>().Configure<IOptions<StreamsOptions>>((host, streams) =>
            host.ShutdownTimeout = TimeSpan.FromSeconds(streams.Value.CloseTimeoutSeconds) + ShutdownMargin);
        ExpandApplicationServer(builder.Configuration);

        var services = builder.Services;
        if (string.IsNullOrEmpty(builder.Configuration["OTEL_SERVICE_NAME"]))
            services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(serviceName));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SchemaRegistryOptions>>().Value.ToSettings().CreateClient());
        services.AddSingleton(sp => StateDirectory.Claim(sp.GetRequiredService<IOptions<StreamsOptions>>().Value.StateDir));
        services.AddSingleton(sp =>
        {
            var config = ServiceStreamsConfig.Create(
                serviceName,
                sp.GetRequiredService<IOptions<KafkaOptions>>().Value,
                sp.GetRequiredService<IOptions<StreamsOptions>>().Value,
                sp.GetRequiredService<ILoggerFactory>());
            config.StateDir = sp.GetRequiredService<StateDirectory>().Path;
            config.KeyOwnership = sp.GetService<IKeyOwnership>();
            config.MeterFactory = sp.GetRequiredService<IMeterFactory>();
            return config;
        });
        services.AddSingleton(sp => topology(sp, sp.GetRequiredService<ISchemaRegistryClient>()));
        services.AddSingleton(sp => new KafkaStreams(sp.GetRequiredService<Topology>(), sp.GetRequiredService<StreamsConfig>()));

        var readiness = new ReadinessSignal("streams starting");
        services.AddSingleton(readiness);
        var health = services.AddHealthChecks().AddCheck<StreamsReadinessCheck>("streams", tags: [HealthTags.Ready]);
        if (!string.IsNullOrEmpty(builder.Configuration[$"{StreamsOptions.Section}:{nameof(StreamsOptions.ProcessUntil)}"]))
            health.AddCheck<ProcessUntilCheck>(ProcessUntilCheck.Name, tags: [HealthTags.Ready]);
        services.AddHostedService<StreamsHostedService>();
        return builder;
    }

    /// <summary>
    /// Replaces <see cref="InstanceAddress.IpPlaceholder"/> in <c>Streams:ApplicationServer</c> in the configuration itself
    /// (a last source), so the options and everything reading them see the address this instance publishes.
    /// </summary>
    private static void ExpandApplicationServer(IConfigurationManager configuration)
    {
        var key = $"{StreamsOptions.Section}:{nameof(StreamsOptions.ApplicationServer)}";
        var configured = configuration[key];
        var expanded = InstanceAddress.Expand(configured, InstanceAddress.LocalIPv4);
        if (expanded != configured) configuration.AddInMemoryCollection([new(key, expanded)]);
    }
}
