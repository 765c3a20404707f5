using OrderStreams.Hosting;
using OrderStreams.Denormaliser;
using OrderStreams.Denormaliser.Queries;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDenormaliser();

var app = builder.Build();
app.MapServiceDefaults();
app.MapOrderQueries();
app.Run();
