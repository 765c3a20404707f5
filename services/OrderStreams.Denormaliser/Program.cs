using OrderStreams.Hosting;
using OrderStreams.Denormaliser;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDenormaliser();

var app = builder.Build();
app.MapServiceDefaults();
app.Run();
