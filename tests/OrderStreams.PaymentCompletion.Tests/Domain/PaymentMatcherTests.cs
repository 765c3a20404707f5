using OrderStreams.Contracts.Common;
using OrderStreams.Contracts.Events;
using OrderStreams.PaymentCompletion.Domain;
using static OrderStreams.PaymentCompletion.Tests.Samples;

namespace OrderStreams.PaymentCompletion.Tests.Domain;

public sealed class PaymentMatcherTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(15);
    private readonly PaymentMatcher matcher = new(Timeout, TimeSpan.FromDays(1));

    [Fact]
    public void OnPayment_CaptureOfTotalAfterOrder_Paid()
    {
        var order = Order();
        var afterOrder = matcher.OnOrder(null, order, T0);
        var payment = Payment(order.OrderId, PaymentStatus.Captured);

        var step = matcher.OnPayment(afterOrder.State, payment, T0.AddMinutes(1));

        Assert.Null(afterOrder.Output);
        var paid = Assert.IsType<OrderPaid>(step.Output!.Verdict!.Outcome);
        Assert.Equal(payment.PaymentId, paid.PaymentId);
        Assert.Equal(order.BranchId, step.Output!.Verdict!.BranchId);
    }

    [Fact]
    public void OnOrder_CaptureArrivedFirst_Paid()
    {
        var order = Order();
        var early = matcher.OnPayment(null, Payment(order.OrderId, PaymentStatus.Captured), T0);

        var step = matcher.OnOrder(early.State, order, T0.AddSeconds(5));

        Assert.Null(early.Output);
        Assert.IsType<OrderPaid>(step.Output!.Verdict!.Outcome);
    }

    [Fact]
    public void OnPayment_AuthorisedOnly_NoVerdict()
    {
        var order = Order();
        var state = matcher.OnOrder(null, order, T0).State;

        var step = matcher.OnPayment(state, Payment(order.OrderId, PaymentStatus.Authorised), T0.AddMinutes(1));

        Assert.Null(step.Output);
    }

    [Theory]
    [InlineData(2400, "EUR", PaymentFailureReason.AmountMismatch)]
    [InlineData(2500, "USD", PaymentFailureReason.CurrencyMismatch)]
    public void OnPayment_CaptureNotMatchingTotal_Failed(long cents, string currency, PaymentFailureReason reason)
    {
        var order = Order(totalCents: 2500);
        var state = matcher.OnOrder(null, order, T0).State;

        var step = matcher.OnPayment(state, Payment(order.OrderId, PaymentStatus.Captured, new Money { AmountCents = cents, Currency = currency }), T0.AddMinutes(1));

        Assert.Equal(reason, Assert.IsType<OrderPaymentFailed>(step.Output!.Verdict!.Outcome).Reason);
    }

    [Fact]
    public void OnPayment_Failed_FailedDeclinedWithProviderReason()
    {
        var order = Order();
        var state = matcher.OnOrder(null, order, T0).State;

        var step = matcher.OnPayment(state, Payment(order.OrderId, PaymentStatus.Failed), T0.AddMinutes(1));

        var failed = Assert.IsType<OrderPaymentFailed>(step.Output!.Verdict!.Outcome);
        Assert.Equal(PaymentFailureReason.Declined, failed.Reason);
        Assert.Equal("card declined", failed.Detail);
    }

    [Fact]
    public void OnPayment_DuplicateAfterVerdict_NoSecondVerdict()
    {
        var order = Order();
        var payment = Payment(order.OrderId, PaymentStatus.Captured);
        var paid = matcher.OnPayment(matcher.OnOrder(null, order, T0).State, payment, T0.AddMinutes(1));

        var again = matcher.OnPayment(paid.State, payment, T0.AddMinutes(2));
        var failedLater = matcher.OnPayment(paid.State, Payment(order.OrderId, PaymentStatus.Failed), T0.AddMinutes(3));

        Assert.Null(again.Output);
        Assert.Null(failedLater.Output);
        Assert.Same(paid.State, again.State);
    }

    [Fact]
    public void OnPayment_DuplicateBeforeOrder_KeptOnce()
    {
        var orderId = Guid.NewGuid();
        var payment = Payment(orderId, PaymentStatus.Captured);

        var first = matcher.OnPayment(null, payment, T0);
        var second = matcher.OnPayment(first.State, payment, T0.AddSeconds(1));

        Assert.Single(second.State!.EarlyPayments);
    }

    [Fact]
    public void OnOrder_DuplicateOrder_NoChange()
    {
        var order = Order();
        var first = matcher.OnOrder(null, order, T0);

        var second = matcher.OnOrder(first.State, order, T0.AddSeconds(1));

        Assert.Same(first.State, second.State);
        Assert.Null(second.Output);
    }

    [Fact]
    public void OnTime_DeadlinePassedWithoutCapture_Expired()
    {
        var order = Order();
        var state = matcher.OnOrder(null, order, T0).State!;

        var before = matcher.OnTime(order.OrderId, state, T0 + Timeout - TimeSpan.FromSeconds(1));
        var after = matcher.OnTime(order.OrderId, state, T0 + Timeout);

        Assert.Null(before.Output);
        var expired = Assert.IsType<OrderPaymentExpired>(after.Output!.Verdict!.Outcome);
        Assert.Equal(T0 + Timeout, expired.Deadline);
    }

    [Fact]
    public void OnPayment_CaptureAfterDeadline_ExpiredNotPaid()
    {
        var order = Order();
        var state = matcher.OnOrder(null, order, T0).State;

        var step = matcher.OnPayment(state, Payment(order.OrderId, PaymentStatus.Captured), T0 + Timeout + TimeSpan.FromSeconds(1));

        Assert.IsType<OrderPaymentExpired>(step.Output!.Verdict!.Outcome);
    }

    [Fact]
    public void OnPayment_CaptureAfterDeadline_RefundedWithTheExpiry()
    {
        var order = Order();
        var state = matcher.OnOrder(null, order, T0).State;
        var capture = Payment(order.OrderId, PaymentStatus.Captured);

        var step = matcher.OnPayment(state, capture, T0 + Timeout + TimeSpan.FromSeconds(1));

        Assert.IsType<OrderPaymentExpired>(step.Output!.Verdict!.Outcome);
        Assert.Equal(capture.PaymentId, step.Output.Refund!.PaymentId);
        Assert.Equal(RefundReason.OrderExpired, step.Output.Refund.Reason);
    }

    [Fact]
    public void OnPayment_CaptureDatedInTimeReadAfterTheExpiryWentOut_RefundedNoSecondVerdict()
    {
        var order = Order();
        var expired = matcher.OnTime(order.OrderId, matcher.OnOrder(null, order, T0).State!, T0 + Timeout);
        var capture = Payment(order.OrderId, PaymentStatus.Captured);

        var late = matcher.OnPayment(expired.State, capture, T0 + Timeout - TimeSpan.FromMinutes(1));
        var redelivered = matcher.OnPayment(late.State, capture, T0 + Timeout - TimeSpan.FromMinutes(1));

        Assert.Null(late.Output!.Verdict);
        var refund = late.Output.Refund!;
        Assert.Equal((capture.PaymentId, order.OrderId, order.BranchId), (refund.PaymentId, refund.OrderId, refund.BranchId));
        Assert.Equal(Eur(2500), refund.Amount);
        Assert.Equal(Verdict.Expired, late.State!.Verdict);
        Assert.Null(redelivered.Output);
    }

    [Fact]
    public void OnPayment_CaptureOfAnotherAmount_FailedAndRefundedOnce()
    {
        var order = Order(totalCents: 2500);
        var capture = Payment(order.OrderId, PaymentStatus.Captured, Eur(1999));

        var failed = matcher.OnPayment(matcher.OnOrder(null, order, T0).State, capture, T0.AddMinutes(1));
        var redelivered = matcher.OnPayment(failed.State, capture, T0.AddMinutes(2));

        Assert.IsType<OrderPaymentFailed>(failed.Output!.Verdict!.Outcome);
        Assert.Equal(RefundReason.OrderPaymentFailed, failed.Output.Refund!.Reason);
        Assert.Null(redelivered.Output);
    }

    [Fact]
    public void OnTime_SettledLongerThanRetention_Dropped()
    {
        var order = Order();
        var paid = matcher.OnPayment(matcher.OnOrder(null, order, T0).State, Payment(order.OrderId, PaymentStatus.Captured), T0).State!;

        var kept = matcher.OnTime(order.OrderId, paid, T0.AddHours(23));
        var dropped = matcher.OnTime(order.OrderId, paid, T0.AddDays(2));

        Assert.NotNull(kept.State);
        Assert.Null(dropped.State);
        Assert.Null(dropped.Output);
    }
}
