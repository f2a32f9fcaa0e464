using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Velostream.AppHost.Hosting.Prometheus;
using Velostream.AppHost.Hosting.Tempo;

namespace Velostream.AppHost.Hosting.Engine;

/// <summary>
/// The engine is one executable with verbs; the AppHost starts it once per role, each under its own
/// resource name, which Aspire also uses as the role's OpenTelemetry <c>service.name</c>.
/// </summary>
public static class EngineRoleExtensions
{
    /// <summary>Configuration key (as an environment variable) for the OTLP endpoint that receives traces for Tempo.</summary>
    public const string TempoEndpointVariable = "Velostream__Telemetry__TempoEndpoint";

    /// <summary>Configuration key (as an environment variable) for the base of Prometheus's OTLP/HTTP receiver (<c>…/api/v1/otlp</c>).</summary>
    public const string PrometheusEndpointVariable = "Velostream__Telemetry__PrometheusEndpoint";

    /// <summary>Configuration key (as an environment variable) for the role's <c>service.name</c>.</summary>
    public const string ServiceNameVariable = "Velostream__Telemetry__ServiceName";

    /// <summary>The AppHost's configuration key for the roles' head-sampling ratio (unset: the roles' default, every record).</summary>
    public const string SamplingRatioKey = "Velostream:Telemetry:SamplingRatio";

    /// <summary>Configuration key (as an environment variable) for a role's head-sampling ratio.</summary>
    public const string SamplingRatioVariable = "Velostream__Telemetry__SamplingRatio";

    /// <summary>Configuration key (as an environment variable) for the API key of the job server's mutating endpoints.</summary>
    public const string ApiKeyVariable = "Velostream__ApiKey";

    /// <summary>The AppHost's configuration key for how many replicas of the job server run (default 1).</summary>
    public const string ReplicasKey = "Velostream:Engine:Replicas";

    /// <summary>
    /// Runs <see cref="ReplicasKey"/> replicas of a job server role (default 1). They share every job's input
    /// partitions through its consumer groups; keys that differ from an input's partitioning go through the
    /// job's repartition topic, so each key is owned by one replica (docs/kafka.md, "Replicas").
    /// </summary>
    /// <param name="builder">The engine role (<c>serve</c>).</param>
    /// <returns>A reference to the <see cref="IResourceBuilder{ProjectResource}"/>.</returns>
    /// <exception cref="InvalidOperationException">The configured count is not a whole number from 1 to 64.</exception>
    public static IResourceBuilder<ProjectResource> WithEngineReplicas(this IResourceBuilder<ProjectResource> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var text = builder.ApplicationBuilder.Configuration[ReplicasKey];
        if (text is null)
        {
            return builder;
        }
        if (!int.TryParse(text, out var replicas) || replicas is < 1 or > 64)
        {
            throw new InvalidOperationException($"{ReplicasKey} must be a whole number from 1 to 64, got '{text}'");
        }
        return replicas == 1 ? builder : builder.WithReplicas(replicas);
    }

    /// <summary>
    /// Adds one role of the engine: <c>Velostream.Engine &lt;verb&gt; &lt;arguments&gt;</c>.
    /// </summary>
    /// <remarks>
    /// No launch profile is applied: roles differ by verb, not by profile, and only the roles that serve
    /// HTTP declare an endpoint. The service name is also set explicitly: Aspire sets
    /// <c>OTEL_SERVICE_NAME</c> when it runs the app, but a deployment need not, and three roles that all
    /// called themselves Velostream.Engine would collapse Tempo's service graph into one node.
    /// </remarks>
    /// <param name="builder">The <see cref="IDistributedApplicationBuilder"/>.</param>
    /// <param name="name">The resource name, which is also the service name in traces and metrics.</param>
    /// <param name="verb">The engine verb: <c>feed</c>, <c>serve</c>, <c>tail</c>, …</param>
    /// <param name="arguments">The verb's arguments.</param>
    /// <returns>A reference to the <see cref="IResourceBuilder{ProjectResource}"/>.</returns>
    public static IResourceBuilder<ProjectResource> AddEngineRole(
        this IDistributedApplicationBuilder builder,
        [ResourceName] string name,
        string verb,
        params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(verb);

        var role = builder.AddProject<Projects.Velostream_Engine>(name, launchProfileName: null)
            .WithArgs([verb, .. arguments])
            .WithEnvironment(ServiceNameVariable, name);
        // Sampling is every record by default. A viewer that cannot keep up with that (the Aspire dashboard on a
        // small machine) is given a share instead: `--Velostream:Telemetry:SamplingRatio=0.1` on the AppHost.
        if (builder.Configuration[SamplingRatioKey] is { Length: > 0 } ratio)
        {
            role.WithEnvironment(SamplingRatioVariable, ratio);
        }
        return role;
    }

    /// <summary>
    /// Sends the role's traces to Tempo (so its metrics-generator sees every span) and its metrics to
    /// Prometheus, besides the Aspire dashboard that Aspire already configures through
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>. Without <paramref name="monitoring"/> (the embedded profile)
    /// the Aspire dashboard is the only destination, and this changes nothing.
    /// </summary>
    /// <param name="builder">The engine role.</param>
    /// <param name="monitoring">Tempo, which receives the role's spans over OTLP/gRPC, and Prometheus, which receives its metrics over OTLP/HTTP.</param>
    /// <returns>A reference to the <see cref="IResourceBuilder{ProjectResource}"/>.</returns>
    public static IResourceBuilder<ProjectResource> WithVelostreamTelemetry(
        this IResourceBuilder<ProjectResource> builder,
        Monitoring? monitoring)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (monitoring is null)
        {
            return builder;
        }

        return builder
            .WithEnvironment(TempoEndpointVariable, monitoring.Tempo.Resource.OtlpGrpcEndpoint)
            .WithEnvironment(PrometheusEndpointVariable, monitoring.Prometheus.Resource.OtlpUrl)
            .WithReferenceRelationship(monitoring.Tempo)
            .WithReferenceRelationship(monitoring.Prometheus)
            // Waiting keeps the first records' spans: an exporter that starts before Tempo drops them.
            .WaitFor(monitoring.Tempo)
            .WaitFor(monitoring.Prometheus);
    }
}
