using System.Globalization;
using System.Text.Json;
using OrderStreams.Contracts.Common;
using OrderStreams.Contracts.Views;

namespace OrderStreams.EndToEnd.Tests.Reference;

/// <summary>
/// What an order view must say, flattened to text so that a difference reads well in a failed assertion. Times the
/// pipeline chooses itself (when a verdict or an assignment was made, the view's version) are left out; times that
/// come from the inputs (placed, picked up, delivered, the payment's) are in, to the millisecond (Avro timestamp-millis).
/// </summary>
internal sealed record ViewFacts(
    Guid OrderId,
    string BranchId,
    OrderStatus Status,
    string? CustomerId,
    string Items,
    string? Totals,
    string? DeliveryLocation,
    long? PlacedAtMs,
    string? Branch,
    string? Driver,
    string? Payment,
    string Timeline)
{
    /// <summary>Steps whose time is an input's; the others are the pipeline's own.</summary>
    private static readonly HashSet<OrderStatus> TimedByInputs = [OrderStatus.Placed, OrderStatus.PickedUp, OrderStatus.Delivered];

    public static ViewFacts Of(OrderView view) => new(
        view.OrderId,
        view.BranchId,
        view.Status,
        view.CustomerId,
        ItemsText(view.Items.Select(i => (i.Sku, i.Quantity, i.UnitPrice.AmountCents, i.UnitPrice.Currency))),
        view.Totals is { } t ? TotalsText(t.Subtotal.AmountCents, t.DeliveryFee.AmountCents, t.Total.AmountCents, t.Total.Currency) : null,
        view.DeliveryLocation is { } l ? Location(l.Lat, l.Lon) : null,
        view.PlacedAt?.ToUnixTimeMilliseconds(),
        view.Branch is { } b ? BranchText(b.BranchId, b.Name, b.Location.Lat, b.Location.Lon) : null,
        view.Driver is { } d ? DriverText(d.DriverId, d.Name, d.Vehicle) : null,
        view.Payment is { } p ? PaymentText(p.PaymentId, p.Status, p.Amount.AmountCents, p.Amount.Currency, p.At.ToUnixTimeMilliseconds()) : null,
        TimelineText(view.Timeline.Select(e => (e.Status, e.At.ToUnixTimeMilliseconds()))));

    /// <summary>The same facts from the query API's JSON (camelCase, enums as Avro symbols such as <c>DRIVER_ASSIGNED</c>).</summary>
    public static ViewFacts Of(JsonElement view)
    {
        static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        static JsonElement? Object(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : null;
        static long Ms(JsonElement e, string name) => e.GetProperty(name).GetDateTimeOffset().ToUnixTimeMilliseconds();
        static (long Cents, string Currency) Money(JsonElement e) => (e.GetProperty("amountCents").GetInt64(), e.GetProperty("currency").GetString()!);

        var totals = Object(view, "totals");
        var location = Object(view, "deliveryLocation");
        var branch = Object(view, "branch");
        var driver = Object(view, "driver");
        var payment = Object(view, "payment");
        return new ViewFacts(
            Guid.Parse(Text(view, "orderId")!),
            Text(view, "branchId")!,
            Symbol<OrderStatus>(Text(view, "status")!),
            Text(view, "customerId"),
            ItemsText(view.GetProperty("items").EnumerateArray().Select(i =>
            {
                var (cents, currency) = Money(i.GetProperty("unitPrice"));
                return (i.GetProperty("sku").GetString()!, i.GetProperty("quantity").GetInt32(), cents, currency);
            })),
            totals is { } t
                ? TotalsText(Money(t.GetProperty("subtotal")).Cents, Money(t.GetProperty("deliveryFee")).Cents, Money(t.GetProperty("total")).Cents, Money(t.GetProperty("total")).Currency)
                : null,
            location is { } l ? Location(l.GetProperty("lat").GetDouble(), l.GetProperty("lon").GetDouble()) : null,
            view.TryGetProperty("placedAt", out var placed) && placed.ValueKind == JsonValueKind.String ? placed.GetDateTimeOffset().ToUnixTimeMilliseconds() : null,
            branch is { } b
                ? BranchText(Text(b, "branchId")!, Text(b, "name")!, b.GetProperty("location").GetProperty("lat").GetDouble(), b.GetProperty("location").GetProperty("lon").GetDouble())
                : null,
            driver is { } d ? DriverText(Text(d, "driverId")!, Text(d, "name"), Symbol<VehicleType>(Text(d, "vehicle")!)) : null,
            payment is { } p
                ? PaymentText(Guid.Parse(Text(p, "paymentId")!), Symbol<PaymentStatus>(Text(p, "status")!), Money(p.GetProperty("amount")).Cents, Money(p.GetProperty("amount")).Currency, Ms(p, "at"))
                : null,
            TimelineText(view.GetProperty("timeline").EnumerateArray().Select(e => (Symbol<OrderStatus>(Text(e, "status")!), Ms(e, "at")))));
    }

    public static string ItemsText(IEnumerable<(string Sku, int Quantity, long UnitCents, string Currency)> items) =>
        string.Join(", ", items.Select(i => $"{i.Quantity} x {i.Sku} at {i.UnitCents} {i.Currency}"));

    public static string TotalsText(long subtotal, long fee, long total, string currency) => $"{subtotal} + {fee} = {total} {currency}";

    public static string Location(double lat, double lon) => string.Create(CultureInfo.InvariantCulture, $"{lat:R},{lon:R}");

    public static string BranchText(string id, string name, double lat, double lon) => $"{id} '{name}' at {Location(lat, lon)}";

    public static string DriverText(string id, string? name, VehicleType vehicle) => $"{id} '{name}' by {vehicle}";

    public static string PaymentText(Guid id, PaymentStatus status, long cents, string currency, long atMs) => $"{id} {status} {cents} {currency} at {atMs}";

    /// <summary>The steps in lifecycle order; a step timed by an input carries its time.</summary>
    public static string TimelineText(IEnumerable<(OrderStatus Status, long AtMs)> steps) =>
        string.Join(" > ", steps.OrderBy(s => (int)s.Status).Select(s => TimedByInputs.Contains(s.Status) ? $"{s.Status}@{s.AtMs}" : s.Status.ToString()));

    private static T Symbol<T>(string symbol)
        where T : struct, Enum => Enum.Parse<T>(symbol.Replace("_", "", StringComparison.Ordinal), ignoreCase: true);
}
