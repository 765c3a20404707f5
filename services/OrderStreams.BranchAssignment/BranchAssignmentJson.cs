using System.Text.Json.Serialization;
using OrderStreams.BranchAssignment.Domain;

namespace OrderStreams.BranchAssignment;

/// <summary>Source-generated JSON for the state stores.</summary>
[JsonSerializable(typeof(PendingAssignment))]
[JsonSerializable(typeof(BranchLoad))]
[JsonSerializable(typeof(DeskDecision))]
internal sealed partial class BranchAssignmentJson : JsonSerializerContext;
