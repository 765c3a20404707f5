using OrderStreams.Hosting;
using OrderStreams.PaymentCompletion;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPaymentCompletion();

var app = builder.Build();
app.MapServiceDefaults();
app.Run();
