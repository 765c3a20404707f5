using Microsoft.Extensions.Options;
using OrderStreams.Hosting;
using OrderStreams.Hosting.Streams;

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
        builder.AddStreamsApplication(Name, (services, registry) =>
            DenormaliserTopology.Build(registry, services.GetRequiredService<IOptions<DenormaliserOptions>>().Value));
        return builder;
    }
}
