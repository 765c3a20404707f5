using OrderStreams.Contracts.Events;

namespace OrderStreams.PaymentCompletion.Domain;

/// <summary>The order's state after an event, and the verdict the event produced, if any.</summary>
internal readonly record struct PaymentStep(PaymentState? State, OrderPaymentOutcome? Outcome)
{
    public static PaymentStep Unchanged(PaymentState? state) => new(state, null);
}
