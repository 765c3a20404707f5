namespace OrderStreams.Simulator;

/// <summary>How the payment provider will behave for one order, drawn when the order is placed.</summary>
internal enum PaymentPlan
{
    Captured,
    CapturedEarly,
    CapturedTwice,
    Declined,
    Mismatched,
    Unpaid,
}
