using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Velostream.Engine.Connectors.Kafka;
using Velostream.Engine.Connectors.Kafka.Embedded;
using Velostream.Engine.Jobs;
using Velostream.Engine.Telemetry;

namespace Velostream.Engine.Api;

/// <summary>
/// Builds the <c>serve</c> web application: service defaults (telemetry, <c>/health</c>), the job
/// host, the HTTP API and, when no Kafka is configured (or it is asked for), the embedded broker.
/// </summary>
internal static class JobServer
{
    /// <param name="args">Host arguments (<c>--urls</c>, <c>--Velostream:ApiKey=…</c>, …).</param>
    /// <param name="applications">SQL files to run at start.</param>
    public static WebApplication Build(string[] args, IReadOnlyList<string> applications, bool embeddedKafka, JobObserver? observer = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = "Velostream.Engine" });
        builder.AddServiceDefaults();
        if (builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"] is null)
        {
            // ASP.NET Core logs about four information lines per request; the job server's own log is what matters.
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        }
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        var confined = ListenAddresses.Confine(builder.Configuration);
        if (confined is { } loopback)
        {
            builder.WebHost.UseUrls(loopback.Urls);
        }
        var dataRoot = DataRoot.From(builder.Configuration);
        builder.Services.AddSingleton(dataRoot);
        foreach (var path in builder.Configuration.GetSection("Velostream:Applications").Get<string[]>() ?? [])
        {
            applications = [.. applications, path];
        }

        EmbeddedKafkaCluster? cluster = null;
        if (embeddedKafka || KafkaConnection.BootstrapServers(builder.Configuration) is null)
        {
            using var loggers = LoggerFactory.Create(l => l.AddConsole());
            cluster = EmbeddedKafkaCluster.Start(1, loggers.CreateLogger("Velostream.EmbeddedKafka"));
            builder.Configuration.AddInMemoryCollection([
                new($"ConnectionStrings:{KafkaConnection.ConnectionStringName}", cluster.BootstrapServers),
            ]);
            // Created by a factory so the container disposes it, after the jobs have stopped.
            builder.Services.AddSingleton(_ => cluster);
        }
        builder.Services.AddHealthChecks().AddCheck<KafkaHealthCheck>("kafka");
        // The instrumentation AddServiceDefaults subscribes to; the container does not own it.
        builder.Services.AddSingleton(VelostreamTelemetry.Default);
        builder.Services.AddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            var logger = sp.GetRequiredService<ILogger<JobHost>>();
            var host = new JobHost(configuration, logger, sp.GetRequiredService<VelostreamTelemetry>(), cluster, observer)
            {
                Registry = CreateRegistry(configuration, cluster is not null, logger),
                DataRoot = dataRoot,
            };
            host.StartupApplications.AddRange(applications);
            return host;
        });
        builder.Services.AddHostedService(sp => sp.GetRequiredService<JobHost>());

        var app = builder.Build();
        // An unexpected failure answers a bare 500, never a stack trace with the host's paths (not even in Development).
        app.UseExceptionHandler(failure => failure.Run(context =>
            Results.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "internal error").ExecuteAsync(context)));
        var startLog = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Velostream.Engine.Serve");
        if (confined is { } notice)
        {
            startLog.LogWarning("{Notice}", notice.Notice);
        }
        startLog.LogInformation("Applications deployed over the API read and write files under {DataRoot}", dataRoot.Path);
        app.MapDefaultEndpoints();
        app.MapJobEndpoints();
        return app;
    }

    public const string RegistryEnabledKey = "Velostream:Registry:Enabled";
    public const string RegistryTopicKey = "Velostream:Registry:Topic";

    /// <summary>
    /// The durable registry of API deployments, on the configured (external) Kafka. With the embedded
    /// broker (its data dies with the process) or <c>Velostream:Registry:Enabled=false</c> the server
    /// runs in file-only mode: applications deployed over the API live in memory, and it says so.
    /// </summary>
    private static ApplicationRegistry? CreateRegistry(IConfiguration configuration, bool embedded, ILogger logger)
    {
        if (embedded || string.Equals(configuration[RegistryEnabledKey], "false", StringComparison.OrdinalIgnoreCase)
            || KafkaConnection.BootstrapServers(configuration) is not { } bootstrap)
        {
            logger.LogWarning(
                "File-only mode ({Why}): applications deployed over the API run until the server stops and are not redeployed when it starts again",
                embedded ? "embedded broker" : $"{RegistryEnabledKey}=false");
            return null;
        }
        var topic = configuration[RegistryTopicKey] is { Length: > 0 } configured ? configured : ApplicationRegistry.DefaultTopic;
        logger.LogInformation("Applications deployed over the API are recorded in the compacted topic {Topic} and redeployed at start", topic);
        return new ApplicationRegistry(bootstrap, topic, logger);
    }
}
