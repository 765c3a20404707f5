using OrderStreams.Contracts.Common;
using OrderStreams.Contracts.Entities;
using OrderStreams.Contracts.Events;
using OrderStreams.Contracts.Views;
using OrderStreams.EndToEnd.Tests.Platform;
using OrderStreams.Simulator;

namespace OrderStreams.EndToEnd.Tests.Reference;

/// <summary>
/// The expected outcome of every order, computed from the pipeline's inputs alone — orders, payments, branches,
/// drivers and the driver app's deliveries — by the business rules, without any of the services' code.
/// </summary>
internal sealed class ReferenceModel
{
    public ReferenceModel(RecordedInputs inputs, int maxAttempts)
    {
        Branches = Latest(inputs.On<Branch>(TrafficTopics.Branches), b => b.BranchId, b => b.UpdatedAt);
        Drivers = Latest(inputs.On<Driver>(TrafficTopics.Drivers), d => d.DriverId, d => d.UpdatedAt);
        var placed = inputs.On<OrderPlaced>(TrafficTopics.OrdersPlaced);
        var payments = inputs.On<PaymentEvent>(TrafficTopics.Payments).ToLookup(p => p.OrderId);
        var deliveries = inputs.On<DeliveryEvent>(TrafficTopics.Deliveries).ToLookup(d => d.OrderId);
        var ample = placed.Count + 1;
        Orders = placed.ToDictionary(o => o.OrderId, o => new ExpectedOrder(
            o,
            Verdict(o, payments[o.OrderId]),
            payments[o.OrderId].MaxBy(p => p.At),
            Routing.For(o, Branches, maxAttempts, ample),
            deliveries[o.OrderId].FirstOrDefault(d => d.Step is OrderPickedUp),
            deliveries[o.OrderId].FirstOrDefault(d => d.Step is OrderDelivered)));
    }

    public IReadOnlyDictionary<string, Branch> Branches { get; }

    public IReadOnlyDictionary<string, Driver> Drivers { get; }

    public IReadOnlyDictionary<Guid, ExpectedOrder> Orders { get; }

    public ViewFacts Final(Guid orderId) => Orders[orderId].FinalFacts(Branches, Drivers);

    public IEnumerable<ExpectedOrder> WithStatus(OrderStatus status) => Orders.Values.Where(o => o.FinalStatus == status);

    /// <summary>
    /// The first decisive payment event decides: a failure fails the order, a capture of exactly the total in its
    /// currency pays it, any other capture fails it; with none (authorisations only, or nothing) the order expires.
    /// </summary>
    private static PaymentVerdict Verdict(OrderPlaced order, IEnumerable<PaymentEvent> payments)
    {
        var decisive = payments.Where(p => p.Status is PaymentStatus.Captured or PaymentStatus.Failed).MinBy(p => p.At);
        return decisive switch
        {
            null => PaymentVerdict.Expired,
            { Status: PaymentStatus.Failed } => PaymentVerdict.Failed,
            { Amount: var amount } when amount == order.Totals.Total => PaymentVerdict.Paid,
            _ => PaymentVerdict.Failed,
        };
    }

    private static Dictionary<string, T> Latest<T>(IEnumerable<T> versions, Func<T, string> id, Func<T, DateTimeOffset> at) =>
        versions.GroupBy(id).ToDictionary(g => g.Key, g => g.MaxBy(at)!);
}
