namespace OrderStreams.EndToEnd.Tests.Reference;

/// <summary>What the payment events of an order decide, by the business rules alone.</summary>
internal enum PaymentVerdict
{
    Paid,
    Failed,
    Expired,
}
