using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrderStreams.Hosting;
using OrderStreams.Hosting.Streams;
using OrderStreams.OrderFlow;
using OrderStreams.Streams.Processor;

namespace OrderStreams.BranchAssignment;

public static class BranchAssignmentService
{
    public const string Name = "branch-assignment";

    public static IHostApplicationBuilder AddBranchAssignment(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<BranchAssignmentOptions>(BranchAssignmentOptions.Section);
        var routing = BranchRoutingTable.Parse(builder.Configuration[BranchRoutingTable.Section]);
        builder.Services.AddSingleton<IKeyOwnership>(new BranchKeyOwnership(routing));
        builder.AddStreamsApplication(Name, (services, registry) =>
            BranchAssignmentTopology.Build(registry, services.GetRequiredService<IOptions<BranchAssignmentOptions>>().Value, routing));
        return builder;
    }
}
