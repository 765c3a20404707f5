using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrderStreams.Hosting;
using OrderStreams.Hosting.Streams;
using OrderStreams.OrderFlow;
using OrderStreams.Streams.Processor;

namespace OrderStreams.PaymentCompletion;

public static class PaymentCompletionService
{
    public const string Name = "payment-completion";

    public static IHostApplicationBuilder AddPaymentCompletion(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<PaymentCompletionOptions>(PaymentCompletionOptions.Section);
        var routing = BranchRoutingTable.Parse(builder.Configuration[BranchRoutingTable.Section]);
        builder.Services.AddSingleton<IKeyOwnership>(new BranchKeyOwnership(routing));
        builder.AddStreamsApplication(Name, (services, registry) =>
            PaymentCompletionTopology.Build(registry, services.GetRequiredService<IOptions<PaymentCompletionOptions>>().Value, routing));
        return builder;
    }
}
