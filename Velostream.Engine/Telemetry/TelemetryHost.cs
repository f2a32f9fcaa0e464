using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Velostream.ServiceDefaults;

namespace Velostream.Engine.Telemetry;

/// <summary>
/// Telemetry for the verbs that are not web applications (<c>feed</c>, <c>tail</c>, <c>run</c>): a minimal
/// host with <c>AddServiceDefaults()</c>, so they export exactly as <c>serve</c> does. Disposing it flushes
/// what is still buffered. It leaves Ctrl+C to the verb and logs to standard error, keeping standard output
/// for the verb's own data.
/// </summary>
internal sealed class TelemetryHost : IDisposable
{
    private readonly IHost _host;

    private TelemetryHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public ILoggerFactory LoggerFactory => _host.Services.GetRequiredService<ILoggerFactory>();

    /// <summary>
    /// Starts telemetry for a verb. <paramref name="defaultServiceName"/> is used unless OTEL_SERVICE_NAME or
    /// <see cref="TelemetryConfigurationKeys.ServiceName"/> says otherwise; <paramref name="commandLine"/> are the
    /// keys from <see cref="TelemetryCommandLine.Parse"/>, which win over environment variables.
    /// </summary>
    /// <returns>Null, with <paramref name="errors"/> filled, when the telemetry configuration is invalid.</returns>
    public static TelemetryHost? Start(string defaultServiceName, IReadOnlyDictionary<string, string?> commandLine, out IReadOnlyList<string> errors)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = defaultServiceName });
        builder.Configuration.AddInMemoryCollection(commandLine);
        TelemetrySettings.Read(builder.Configuration, defaultServiceName, out errors);
        if (errors.Count > 0)
        {
            return null;
        }
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddSingleton<IHostLifetime, VerbLifetime>();
        builder.AddServiceDefaults();
        var host = builder.Build();
        host.StartAsync().GetAwaiter().GetResult();
        return new TelemetryHost(host);
    }

    public void Dispose()
    {
        // Stopping flushes the exporters (bounded by their timeouts), so the last spans are not lost.
        _host.StopAsync().GetAwaiter().GetResult();
        _host.Dispose();
    }

    /// <summary>The verb handles Ctrl+C itself; the host must neither hook signals nor print its banner.</summary>
    private sealed class VerbLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
