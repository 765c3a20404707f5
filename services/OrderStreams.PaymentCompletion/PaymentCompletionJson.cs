using System.Text.Json.Serialization;
using OrderStreams.PaymentCompletion.Domain;

namespace OrderStreams.PaymentCompletion;

/// <summary>Source-generated JSON for the state store.</summary>
[JsonSerializable(typeof(PaymentState))]
internal sealed partial class PaymentCompletionJson : JsonSerializerContext;
