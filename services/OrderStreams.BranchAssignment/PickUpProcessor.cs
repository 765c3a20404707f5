using OrderStreams.BranchAssignment.Domain;
using OrderStreams.Contracts.Events;
using OrderStreams.Streams.Processor;

namespace OrderStreams.BranchAssignment;

/// <summary>
/// A pick-up (or, if that was missed, the delivery) frees the kitchen capacity the order held, and lets the branch's
/// oldest waiting order in.
/// </summary>
internal sealed class PickUpProcessor(BranchDesk desk) : BranchDeskProcessor<DeliveryEvent>
{
    public override void Process(Record<string, DeliveryEvent> record)
    {
        var delivery = record.Value;
        if (record.Key != delivery.BranchId)
            throw new InvalidDataException($"Record key '{record.Key}' is not the event's branch '{delivery.BranchId}'; order-flow topics are keyed by branch.");
        var now = DateTimeOffset.FromUnixTimeMilliseconds(record.Timestamp);
        Step(delivery.BranchId, (branch, load, all) => desk.OnPickedUp(delivery.OrderId, branch, load, all, now), record.Timestamp);
    }
}
