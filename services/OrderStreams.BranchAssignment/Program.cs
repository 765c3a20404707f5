using OrderStreams.Hosting;
using OrderStreams.BranchAssignment;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddBranchAssignment();

var app = builder.Build();
app.MapServiceDefaults();
app.Run();
