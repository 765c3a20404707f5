using OrderStreams.Hosting;
using OrderStreams.DriverAssignment;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDriverAssignment();

var app = builder.Build();
app.MapServiceDefaults();
app.Run();
