using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Velostream.Engine.Connectors;
using Velostream.Engine.Connectors.File;
using Velostream.Engine.Connectors.Kafka;
using Velostream.Engine.Connectors.Kafka.Embedded;
using Velostream.Engine.Execution.Planning;
using Velostream.Engine.Jobs;
using Velostream.Engine.Sql;
using Velostream.Engine.Sql.Syntax;
using Velostream.Engine.Telemetry;

namespace Velostream.Engine.Api;

/// <summary>
/// Runs SQL applications as independent jobs for the server: a job that fails is marked failed and
/// the others keep running. Stopping the host stops every job cleanly (flush, then commit).
/// </summary>
internal sealed class JobHost : IHostedService
{
    private readonly ConcurrentDictionary<string, ManagedJob> _jobs = new(StringComparer.Ordinal);
    private readonly IConfiguration _configuration;
    private readonly ILogger<JobHost> _logger;
    private readonly EmbeddedKafkaCluster? _cluster;
    private readonly JobObserver _observer;
    private readonly ConnectorRegistry _registry;
    private readonly Lock _deployGate = new();

    /// <param name="telemetry">Where the Kafka connectors' spans and metrics go.</param>
    public JobHost(IConfiguration configuration, ILogger<JobHost> logger, VelostreamTelemetry telemetry, EmbeddedKafkaCluster? cluster = null, JobObserver? observer = null)
    {
        _configuration = configuration;
        _logger = logger;
        _cluster = cluster;
        _observer = observer ?? JobObserver.None;
        _registry = new ConnectorRegistry();
        FileConnectors.Register(_registry);
        KafkaConnectors.Register(_registry, configuration, telemetry, (job, source) =>
        {
            if (_jobs.TryGetValue(job, out var managed))
            {
                managed.AddSource(source);
            }
        });
    }

    /// <summary>Applications to start with the host (paths of SQL files).</summary>
    public List<string> StartupApplications { get; } = [];

    public IEnumerable<ManagedJob> Jobs => _jobs.Values.OrderBy(j => j.Name, StringComparer.Ordinal);

    public ManagedJob? Find(string name) => _jobs.GetValueOrDefault(name);

    /// <summary>
    /// Validates and starts every statement of an application; nothing starts if anything is wrong.
    /// With <paramref name="confinedTo"/> (applications that arrive over the API) its paths resolve
    /// under that data root and whatever would reach outside it is a located error.
    /// </summary>
    /// <param name="only">When set, only the jobs of these names start (a recorded application whose other jobs were deleted).</param>
    // A file source's path may come from its config_file YAML: it must stay under the root as well.
    private static IEnumerable<SqlDiagnostic> ConfigFilePaths(SqlCheckResult check, DataRoot root) =>
        from statement in check.Statements
        from source in statement.SourceConfigs
        from property in source.Properties
        where property.Key.Equals("path", StringComparison.OrdinalIgnoreCase) && root.PathProblem(property.Value) is not null
        select new SqlDiagnostic(property.ValueLocation, root.PathProblem(property.Value)!);

    public DeployResult Deploy(string text, string fileName, string? baseDirectory, DataRoot? confinedTo = null, IReadOnlyCollection<string>? only = null)
    {
        var check = SqlFrontEnd.Check(text, fileName);
        var diagnostics = JobPreflight.Diagnostics(check);
        if (confinedTo is not null)
        {
            baseDirectory = confinedTo.Path;
            diagnostics = [.. diagnostics.Concat(confinedTo.Check(check.Application)).Concat(ConfigFilePaths(check, confinedTo)).Distinct().OrderBy(d => d.Location.Offset)];
        }
        if (diagnostics.Count > 0 || check.Omitted > 0)
        {
            return new DeployResult([], diagnostics, null) { Omitted = check.Omitted };
        }
        var application = check.Application.Name ?? Path.GetFileNameWithoutExtension(fileName);
        var options = new JobOptions
        {
            AppName = application,
            BaseDirectory = baseDirectory,
            Observer = _observer,
            Log = new LoggerTextWriter(_logger),
        };
        lock (_deployGate)
        {
            var jobs = ApplicationJobs.Create(check.Statements, _registry, options, only)
                .Select(runner => new ManagedJob(application, runner))
                .ToList();
            var taken = jobs.Select(j => j.Name).Where(name => _jobs.TryGetValue(name, out var existing) && existing.Stats.State is JobState.Running or JobState.Created).ToList();
            if (taken.Count > 0)
            {
                return new DeployResult([], [], $"job(s) already running: {string.Join(", ", taken)}; DELETE them first");
            }
            if (_cluster is not null)
            {
                foreach (var (topic, partitions) in KafkaConnectors.Topics(check.Statements, _configuration, application))
                {
                    _cluster.CreateTopic(topic, partitions);
                }
            }
            foreach (var job in jobs)
            {
                _jobs[job.Name] = job;
                job.Start();
                _ = job.Completion.ContinueWith(t => Report(job), TaskScheduler.Default);
            }
            _logger.LogInformation("Started application {Application}: {Jobs}", application, string.Join(", ", jobs.Select(j => j.Name)));
            return new DeployResult(jobs.Select(j => j.Name).ToList(), [], null) { Application = application };
        }
    }

    /// <summary>
    /// Deploys an application that arrived over the API: confined to the data root and, with a
    /// registry, recorded there before it counts as deployed (if Kafka does not acknowledge the record,
    /// its jobs are stopped again and the result says why).
    /// </summary>
    public async Task<DeployResult> DeployFromApiAsync(string text, string fileName, DataRoot dataRoot)
    {
        var result = Deploy(text, fileName, dataRoot.Path, dataRoot);
        if (!result.Succeeded || Registry is null)
        {
            return result;
        }
        if (Registry.Record(new RegisteredApplication(result.Application!, fileName, text, result.Jobs)))
        {
            return result;
        }
        foreach (var job in result.Jobs)
        {
            await RemoveAsync(job, recorded: false);
        }
        return result with { Unavailable = $"the deployment could not be recorded in Kafka ({Registry.Topic}); nothing was deployed" };
    }

    /// <summary>Where applications deployed over the API are recorded (null: in memory only).</summary>
    public ApplicationRegistry? Registry { get; init; }

    /// <summary>Where recorded applications keep their files (set with <see cref="Registry"/>).</summary>
    public DataRoot? DataRoot { get; init; }

    /// <summary>Stops and forgets a job (and removes it from the registry); false when there is no such job.</summary>
    public async Task<bool> RemoveAsync(string name) => await RemoveAsync(name, recorded: true);

    private async Task<bool> RemoveAsync(string name, bool recorded)
    {
        if (!_jobs.TryGetValue(name, out var job))
        {
            return false;
        }
        await job.StopAsync();
        _jobs.TryRemove(new KeyValuePair<string, ManagedJob>(name, job));
        if (recorded)
        {
            Registry?.Forget(job.Application, name);
        }
        return true;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var path in StartupApplications)
        {
            var full = Path.GetFullPath(path);
            if (new FileInfo(full).Length > ApplicationLimits.MaxBytes)
            {
                throw new InvalidOperationException($"{path}: {ApplicationLimits.TooLargeMessage}");
            }
            var result = Deploy(System.IO.File.ReadAllText(full), path, Path.GetDirectoryName(full));
            if (!result.Succeeded)
            {
                var (shown, more) = DiagnosticLimits.Limit(result.Diagnostics, result.Omitted);
                throw new InvalidOperationException(
                    $"{path}: " + (result.Conflict ?? string.Join(Environment.NewLine, shown.Select(d => d.ToString()).Append(DiagnosticLimits.Summary(shown.Count, more)))));
            }
        }
        if (Registry is not null && DataRoot is not null)
        {
            foreach (var recorded in Registry.Load())
            {
                var result = Deploy(recorded.Sql, recorded.File, DataRoot.Path, DataRoot, recorded.Jobs);
                if (result.Succeeded)
                {
                    _logger.LogInformation("Redeployed {Application} from {Topic}: {Jobs}", recorded.Name, Registry.Topic, string.Join(", ", result.Jobs));
                }
                else
                {
                    _logger.LogError("Could not redeploy {Application} from {Topic}: {Reason}", recorded.Name, Registry.Topic,
                        result.Conflict ?? string.Join("; ", DiagnosticLimits.Limit(result.Diagnostics, result.Omitted).Shown));
                }
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops every job; each waits for the broker at most its stop timeout (5 s). What did not stop
    /// cleanly is listed in <see cref="StopProblems"/> (and makes <c>serve</c> exit 1).
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var jobs = _jobs.Values.ToList();
        try
        {
            await Task.WhenAll(jobs.Select(j => j.StopAsync())).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout passed: report what is still running rather than wait on.
        }
        StopProblems = [.. jobs
            .Where(j => !j.Completion.IsCompleted || j.Stats.State == JobState.Failed && j.Stats.LastError?.StartsWith("stopped with", StringComparison.Ordinal) == true)
            .Select(j => j.Completion.IsCompleted ? $"job {j.Name}: {j.Stats.LastError}" : $"job {j.Name}: did not stop in time")];
        foreach (var problem in StopProblems)
        {
            _logger.LogError("{Problem}", problem);
        }
        Registry?.Dispose();
    }

    /// <summary>Jobs that did not stop cleanly (records not acknowledged, or still running) when the host stopped.</summary>
    public IReadOnlyList<string> StopProblems { get; private set; } = [];

    private void Report(ManagedJob job)
    {
        var stats = job.Stats;
        if (stats.State == JobState.Failed)
        {
            _logger.LogError("Job {Job} failed: {Error}", job.Name, stats.LastError);
        }
        else
        {
            _logger.LogInformation("Job {Job} {State}: {Summary}", job.Name, stats.State, stats.Summary(job.Name));
        }
    }

    /// <summary>Routes the runner's per-record failure log into structured logging.</summary>
    private sealed class LoggerTextWriter(ILogger logger) : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void WriteLine(string? value)
        {
            if (value is not null)
            {
                logger.LogWarning("{Message}", value);
            }
        }
    }
}
