using Microsoft.Extensions.Options;
using OrderStreams.Hosting;
using OrderStreams.Hosting.Streams;
using OrderStreams.OrderFlow;
using OrderStreams.Streams.Processor;

namespace OrderStreams.Denormaliser;

public static class DenormaliserService
{
    public const string Name = "denormaliser";

    public static IHostApplicationBuilder AddDenormaliser(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<DenormaliserOptions>(DenormaliserOptions.Section);
        builder.Services.AddHttpClient(Name, (services, client) =>
            client.Timeout = services.GetRequiredService<IOptions<DenormaliserOptions>>().Value.ForwardTimeout);
        // Before the streams application starts, so its view topic exists when it first writes.
        builder.Services.AddHostedService<ViewTopicSetup>();
        // Reads the branch-keyed topics too: records a producer put on the wrong partition are forwarded like in every service.
        builder.Services.AddSingleton<IKeyOwnership>(new BranchKeyOwnership(BranchRoutingTable.Parse(builder.Configuration[BranchRoutingTable.Section])));
        builder.AddStreamsApplication(Name, (services, registry) =>
            DenormaliserTopology.Build(registry, services.GetRequiredService<IOptions<DenormaliserOptions>>().Value));
        return builder;
    }
}
