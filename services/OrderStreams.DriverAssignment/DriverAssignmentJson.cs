using System.Text.Json.Serialization;
using OrderStreams.DriverAssignment.Domain;

namespace OrderStreams.DriverAssignment;

/// <summary>Source-generated JSON for the state stores.</summary>
[JsonSerializable(typeof(DriverState))]
[JsonSerializable(typeof(WaitingOrder))]
[JsonSerializable(typeof(OrderDispatch))]
internal sealed partial class DriverAssignmentJson : JsonSerializerContext;
