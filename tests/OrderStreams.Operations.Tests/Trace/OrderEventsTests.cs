using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Schemas;
using OrderStreams.Contracts.Events;
using OrderStreams.Operations.Tests.Support;
using OrderStreams.Operations.Trace;

namespace OrderStreams.Operations.Tests.Trace;

public sealed class OrderEventsTests
{
    private static readonly Guid Id = Guid.NewGuid();

    [Fact]
    public void TypeOf_UnionOfRecords_IsTheChosenBranch() =>
        Assert.Equal("OrderPaid", OrderEvents.TypeOf(Samples.Paid(Id, "branch-01").ToGeneric()));

    [Fact]
    public void TypeOf_RecordThatMayBeNull_IsTheRecordsOwnName()
    {
        var schema = (RecordSchema)AvroSchema.Parse("""
            {"type": "record", "name": "View", "fields": [
              {"name": "orderId", "type": "string"},
              {"name": "driver", "type": ["null", {"type": "record", "name": "Driver", "fields": [{"name": "id", "type": "string"}]}]}]}
            """);
        var view = new GenericRecord(schema) { ["orderId"] = "o", ["driver"] = new GenericRecord((RecordSchema)((UnionSchema)schema.GetField("driver").Schema).Branches[1]) { ["id"] = "d" } };

        Assert.Equal("View", OrderEvents.TypeOf(view));
    }

    [Fact]
    public void OrderIdOf_NestedOrder_IsFound()
    {
        var request = new BranchAssignmentRequest
        {
            Order = Samples.Placed(Id, "branch-01"),
            PaymentId = Guid.NewGuid(),
            Attempt = 2,
            CandidateBranchId = "branch-05",
            TriedBranchIds = ["branch-01"],
            RequestedAt = Samples.T0,
        }.ToGeneric();

        Assert.Equal(Id.ToString(), OrderEvents.OrderIdOf(request));
        Assert.Equal(["branch-01", "branch-05"], OrderEvents.BranchIdsOf(request).Distinct().Order());
    }

    [Fact]
    public void BranchIdsOf_MovedOrder_NamesBothBranches() =>
        Assert.Equal(["branch-01", "branch-04"], OrderEvents.BranchIdsOf(Samples.MovedTo(Id, "branch-01", "branch-04").ToGeneric()).Distinct().Order());
}
