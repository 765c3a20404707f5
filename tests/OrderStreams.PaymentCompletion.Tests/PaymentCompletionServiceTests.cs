using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrderStreams.OrderFlow;
using OrderStreams.Streams;

namespace OrderStreams.PaymentCompletion.Tests;

public sealed class PaymentCompletionServiceTests
{
    private static WebApplication Build(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddPaymentCompletion();
        return builder.Build();
    }

    [Fact]
    public void AddPaymentCompletion_Configured_StreamsApplicationWithServiceDefaults()
    {
        using var app = Build(new()
        {
            ["Kafka:BootstrapServers"] = "localhost:9092",
            ["SchemaRegistry:Url"] = "http://localhost:8081",
            ["PaymentCompletion:PaymentTimeout"] = "00:05:00",
            ["BranchRouting"] = "branch-07=11",
        });

        var config = app.Services.GetRequiredService<StreamsConfig>();
        Assert.Equal("payment-completion", config.ApplicationId);
        Assert.Equal("payment-completion.dlq", config.DeadLetterQueueTopic);
        Assert.Equal(TimeSpan.FromMinutes(5), app.Services.GetRequiredService<IOptions<PaymentCompletionOptions>>().Value.PaymentTimeout);
        Assert.NotNull(app.Services.GetRequiredService<KafkaStreams>());
        Assert.Equal(11, config.KeyOwnership!.OwnerOf(OrderFlowTopics.OrdersPlaced, "branch-07"u8.ToArray(), 12));
    }

    [Fact]
    public void AddPaymentCompletion_NoBootstrapServers_ValidationNamesTheSetting()
    {
        using var app = Build(new() { ["SchemaRegistry:Url"] = "http://localhost:8081" });

        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<StreamsConfig>());
        Assert.Contains("Kafka__BootstrapServers", error.Message);
    }
}
