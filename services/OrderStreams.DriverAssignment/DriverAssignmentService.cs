using Microsoft.Extensions.DependencyInjection;
using OrderStreams.Hosting.Streams;
using OrderStreams.OrderFlow;
using OrderStreams.Streams.Processor;

namespace OrderStreams.DriverAssignment;

public static class DriverAssignmentService
{
    public const string Name = "driver-assignment";

    public static IHostApplicationBuilder AddDriverAssignment(this IHostApplicationBuilder builder)
    {
        var routing = BranchRoutingTable.Parse(builder.Configuration[BranchRoutingTable.Section]);
        builder.Services.AddSingleton<IKeyOwnership>(new BranchKeyOwnership(routing));
        builder.AddStreamsApplication(Name, (_, registry) => DriverAssignmentTopology.Build(registry, routing));
        return builder;
    }
}
