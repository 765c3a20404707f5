using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Schemas;

namespace OrderStreams.Operations.Trace;

/// <summary>
/// What a trace reads from any order-flow event in its generic form: the order it is about, the branches it names,
/// and which event it is. Looks at the record's own fields and one level of nested records
/// (<c>BranchAssignmentRequest.order</c>), so it needs no knowledge of particular schemas.
/// </summary>
public static class OrderEvents
{
    private static readonly string[] BranchFields = ["branchId", "candidateBranchId", "originalBranchId"];

    /// <summary>The order id the event is about, or null when it names none.</summary>
    public static string? OrderIdOf(GenericRecord record) =>
        record.TryGetValue("orderId", out var id) && id is string own
            ? own
            : Nested(record).Select(n => n.TryGetValue("orderId", out var inner) ? inner as string : null).FirstOrDefault(i => i is not null);

    /// <summary>Every branch the event names: its branch, candidate, original and tried branches.</summary>
    public static IEnumerable<string> BranchIdsOf(GenericRecord record) =>
        new[] { record }.Concat(Nested(record)).SelectMany(r =>
            BranchFields.Select(f => r.TryGetValue(f, out var value) ? value as string : null)
                .Concat(r.TryGetValue("triedBranchIds", out var tried) && tried is IEnumerable<object?> list ? list.OfType<string>() : [])
                .OfType<string>());

    /// <summary>The chosen branch of the record's union of records (<c>OrderPaid</c>, <c>OrderDelivered</c>), else the record's name.</summary>
    public static string TypeOf(GenericRecord record) =>
        record.Schema.Fields
            .Where(f => IsUnionOfRecords(f.Schema))
            .Select(f => record[f.Position] is GenericRecord chosen ? chosen.Schema.Name : null)
            .FirstOrDefault(n => n is not null)
        ?? record.Schema.Name;

    /// <summary>A union that chooses between records (<c>outcome</c>, <c>step</c>), not a record that may be null.</summary>
    public static bool IsUnionOfRecords(AvroSchema schema) => schema is UnionSchema union && union.Branches.Count(b => b is RecordSchema) >= 2;

    private static IEnumerable<GenericRecord> Nested(GenericRecord record) =>
        Enumerable.Range(0, record.Schema.Fields.Count).Select(i => record[i]).OfType<GenericRecord>();
}
