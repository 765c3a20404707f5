using Microsoft.Extensions.Options;
using OrderStreams.Kafka.Topics;
using OrderStreams.OrderFlow;
using OrderStreams.Streams;

namespace OrderStreams.Denormaliser;

/// <summary>
/// Creates <see cref="DenormaliserOptions.ViewTopic"/> when it is not <c>orders.view</c> (a replay's own view topic)
/// and does not exist yet: compacted, with the partitions of <c>orders.view</c>. <c>orders.view</c> itself comes from
/// the topic manifest, like every other topic.
/// </summary>
internal sealed class ViewTopicSetup(IOptions<DenormaliserOptions> options, StreamsConfig config, ILogger<ViewTopicSetup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var topic = options.Value.ViewTopic;
        if (topic == OrderFlowTopics.OrdersView) return;
        using var ownAdmin = config.TopicAdmin is null ? TopicAdmin.Create(new Kafka.Clients.KafkaClientFactory(config.ClientSettings())) : null;
        var admin = config.TopicAdmin ?? ownAdmin!;
        var counts = await admin.GetPartitionCountsAsync([topic, OrderFlowTopics.OrdersView], cancellationToken);
        if (counts.ContainsKey(topic)) return;
        var partitions = counts.GetValueOrDefault(OrderFlowTopics.OrdersView, 12);
        await admin.EnsureTopicsAsync(
            [new TopicSpec(topic, partitions, config.ReplicationFactor, "compact", -1, "orderId", "com.orderstreams.views.OrderView", null, $"The views of {config.ApplicationId}.")],
            cancellationToken);
        logger.LogInformation("Created view topic {Topic} with {Partitions} partitions", topic, partitions);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
