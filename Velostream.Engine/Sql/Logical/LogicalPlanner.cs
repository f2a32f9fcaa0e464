using Velostream.Engine.Connectors;
using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Configuration;
using Velostream.Engine.Sql.Functions;
using Velostream.Engine.Sql.Parsing;
using Velostream.Engine.Sql.Syntax;
using Velostream.Engine.Sql.Validation;

namespace Velostream.Engine.Sql.Logical;

/// <summary>
/// Turns a validated statement into its logical plan, given what is known of its sources' columns
/// and its sink's format, and checks the rules that need that knowledge or the plan's shape (the
/// columns of <c>SELECT *</c>, ORDER BY's output columns, join keys, the interval join's time
/// columns, LAG/LEAD offsets, CSV headers). Every problem is a located diagnostic. <c>validate</c>,
/// <c>run</c> and the job server plan each statement before any job starts (from the
/// configuration alone); a job plans again once its sources are open (a CSV header read).
/// </summary>
internal static class LogicalPlanner
{
    public const int MaxRowOffset = 100_000;

    /// <summary>Plans <paramref name="bound"/> with what its configuration tells of its sources (relative CSV paths from the working folder).</summary>
    public static LogicalPlanResult Plan(BoundStatement bound) => Plan(bound, baseDirectory: null);

    /// <summary>
    /// Plans <paramref name="bound"/> with what its configuration tells of its sources (and the headers
    /// of CSV files already there, their relative paths read from <paramref name="baseDirectory"/>).
    /// </summary>
    public static LogicalPlanResult Plan(BoundStatement bound, string? baseDirectory) =>
        Plan(bound, [.. bound.Sources.Select((_, i) => bound.UpstreamOf(i) is { } producer ? SourceSchema.FromStatement(producer) : SourceSchema.FromConfig(bound.ConfigOf(i)!, baseDirectory))],
            ConnectorCatalog.ParseFormat(bound.Sink?.Get("format")));

    /// <summary>
    /// Plans every SELECT of <paramref name="bound"/> from its configuration: a UNION ALL's branches
    /// under one <see cref="Union"/> node; the result's plan is the first SELECT's, its diagnostics all of theirs.
    /// </summary>
    public static (LogicalPlanResult First, Union? Union) PlanSelects(BoundStatement bound, string? baseDirectory = null)
    {
        var planned = bound.Selects.Select(s => Plan(s, baseDirectory)).ToList();
        if (planned.Count == 1) return (planned[0], null);
        var diagnostics = planned.SelectMany(p => p.Diagnostics).OrderBy(d => d.Location.Offset).ToList();
        if (diagnostics.Count > 0) return (new LogicalPlanResult(null, diagnostics), null);
        return (planned[0], new Union([.. planned.Select(p => p.Plan!)], bound.Statement.Query.UnionLocations[0]));
    }

    public static LogicalPlanResult Plan(BoundStatement bound, IReadOnlyList<SourceSchema> schemas, PayloadFormat sinkFormat)
    {
        var planner = new Planner(bound, schemas, sinkFormat);
        var plan = planner.Build();
        return planner.Diagnostics.Count == 0
            ? new LogicalPlanResult(plan, [])
            : new LogicalPlanResult(null, [.. planner.Diagnostics.OrderBy(d => d.Location.Offset)]);
    }

    private sealed class Planner(BoundStatement bound, IReadOnlyList<SourceSchema> schemas, PayloadFormat sinkFormat)
    {
        private readonly SelectQuery _query = bound.Statement.Query;
        private readonly IReadOnlyList<SourceRef> _sources = bound.Sources;
        private readonly ColumnResolver _columns = new(bound, schemas);

        public List<SqlDiagnostic> Diagnostics { get; } = [];

        public QueryPlan Build()
        {
            var scans = new Scan[_sources.Count];
            for (var i = 0; i < scans.Length; i++)
            {
                var config = bound.ConfigOf(i);
                var isTable = i > 0 && _query.Joins[i - 1].Interval is null;
                scans[i] = new Scan(i, _sources[i], config, schemas[i], isTable, EventTimeField(i, config), _sources[i].Location);
            }
            CheckColumns(scans);

            LogicalPlan node = RepartitionKeys(scans[0]) is { } keys
                ? new Repartition(scans[0], scans[0], keys, _query.GroupBy.Count > 0 ? _query.GroupBy[0].Location : _query.Location)
                : scans[0];
            var joins = new List<LogicalPlan>();
            for (var j = 0; j < _query.Joins.Count; j++)
            {
                var join = _query.Joins[j];
                node = join.Interval is { } interval
                    ? PlanIntervalJoin(join, interval, scans[0], scans[j + 1])
                    : PlanLookupJoin(node, join, scans[j + 1]);
                joins.Add(node);
            }
            Diagnostics.AddRange(CoPartitioning.Check(scans, joins, CoPartitioning.Declared));
            if (_query.Where is { } where)
            {
                node = new Filter(node, where, where.Location);
            }
            var rowCalls = RowCalls();
            if (rowCalls.Count > 0)
            {
                node = new RowFunction(node, rowCalls, rowCalls[0].Call.Location);
            }
            var aggregating = bound.IsAggregating;
            if (aggregating)
            {
                node = PlanAggregate(node);
            }
            var project = PlanProject(node);
            node = project;
            if (PlanSort(project) is { } sort)
            {
                node = sort;
            }
            if (_query.Limit is IntegerLiteral { Value: > 0 } limit)
            {
                node = new Limit(node, limit.Value, limit.Location);
            }
            var root = new Sink(node, bound.Sink, sinkFormat, bound.Statement.Target?.Location ?? _query.Location);
            return new QueryPlan(bound, root, scans, project, _columns);
        }

        // An aggregate over a Kafka stream keeps its groups per input partition, so a key must not be
        // spread over partitions: unless the source declares it is keyed by columns the GROUP BY
        // contains ('<name>.key.field'), its records go through a repartition topic keyed by the
        // GROUP BY key (by nothing for a global aggregate: one partition). Joins are not repartitioned
        // (their inputs must be co-partitioned).
        private List<Expr>? RepartitionKeys(Scan stream)
        {
            if (!bound.IsAggregating || _query.Joins.Count > 0 || stream.Config?.Type.Name != ConnectorCatalog.KafkaSource) return null;
            var keys = _query.GroupBy.Select(_columns.Unalias).ToList();
            var declared = Repartition.DeclaredKey(stream.Config);
            var partitionedByKey = declared.Count > 0 && declared.All(column =>
                keys.Any(k => k is ColumnRef { IsSystem: false } c && c.Name.Equals(column, StringComparison.OrdinalIgnoreCase)));
            return partitionedByKey ? null : keys;
        }

        private void Error(SourceLocation location, string message) => Diagnostics.Add(new SqlDiagnostic(location, message));

        // The field a source's event time is read from: configured, else the window's time column,
        // else the interval join's time column of that source.
        private string? EventTimeField(int i, EndpointConfig? config)
        {
            if (config?.Get("event.time.field") is { Length: > 0 } explicitField) return explicitField;
            if (_query.Window?.TimeColumn is { IsSystem: false } windowColumn && _columns.SourcesOf(windowColumn).FirstOrDefault(-1) == i)
            {
                return windowColumn.Name;
            }
            foreach (var join in _query.Joins)
            {
                if (join.Interval is not { } interval) continue;
                foreach (var c in new[] { interval.Subject, interval.Anchor })
                {
                    if (!c.IsSystem && _columns.SourcesOf(c).FirstOrDefault(-1) == i) return c.Name;
                }
            }
            return null;
        }

        // Every column read must come from some source; a CSV source must have a header with it.
        private void CheckColumns(Scan[] scans)
        {
            foreach (var scan in scans)
            {
                if (scan.Schema.Format == PayloadFormat.Csv && !scan.Schema.HasColumns)
                {
                    Error(scan.Location, $"CSV source '{scan.Name}' has no header row");
                }
                else if (scan.EventTimeField is { } field && !HasColumn(scan, field))
                {
                    Error(scan.Location, MissingColumn(field, scan));
                }
            }
            var reported = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var expr in QueryExpressions())
            {
                foreach (var column in ExprWalker.DescendantsAndSelf(expr).OfType<ColumnRef>())
                {
                    if (column.IsSystem || _columns.AliasOf(column) is not null) continue;
                    var sources = _columns.SourcesOf(column);
                    if (sources.Count == 0)
                    {
                        Error(column.Location, $"column '{column}' matches no source");
                        continue;
                    }
                    // An unqualified name in a join may be read from any of several sources: an error only when none has it.
                    if (sources.Any(s => HasColumn(scans[s], column.Name))) continue;
                    foreach (var s in sources)
                    {
                        if (reported.Add($"{s}.{column.Name}"))
                        {
                            Error(column.Location, MissingColumn(column.Name, scans[s]));
                        }
                    }
                }
            }
        }

        // Known columns: a CSV header, another statement's output, a config_file's schema.fields; else anything may be there.
        private static bool HasColumn(Scan scan, string name) =>
            scan.Schema.ColumnsPending || (scan.Schema.Columns ?? scan.Schema.DeclaredFields)?.Contains(name, StringComparer.OrdinalIgnoreCase) != false;

        private static string MissingColumn(string name, Scan scan) => scan.Schema switch
        {
            { Producer: { } producer } => $"column '{name}' is not an output column of '{producer}', whose statement selects {string.Join(", ", scan.Schema.Columns ?? [])}",
            { Columns: null, DeclaredFields: { } declared } => $"column '{name}' is not a field of source '{scan.Name}' as its config_file '{scan.Schema.DeclaredIn}' declares it (schema.fields: {string.Join(", ", declared)})",
            _ => $"column '{name}' is not in the CSV header of source '{scan.Name}' ({string.Join(", ", scan.Schema.Columns ?? [])})",
        };

        private IEnumerable<Expr> QueryExpressions()
        {
            foreach (var item in _query.Items.OfType<ExpressionItem>()) yield return item.Expression;
            foreach (var join in _query.Joins) yield return join.Condition;
            if (_query.Where is not null) yield return _query.Where;
            foreach (var g in _query.GroupBy) yield return g;
            if (_query.Having is not null) yield return _query.Having;
            if (_query.Window?.TimeColumn is { } tc) yield return tc;
        }

        private LookupJoin PlanLookupJoin(LogicalPlan stream, JoinClause join, Scan table)
        {
            var s = table.Index;
            var keys = new List<JoinKey>();
            var residual = new List<Expr>();
            foreach (var conjunct in JoinIntervalRecognizer.Conjuncts(join.Condition))
            {
                if (conjunct is BinaryExpr { Operator: BinaryOperator.Equal } eq)
                {
                    var left = Referenced(eq.Left);
                    var right = Referenced(eq.Right);
                    if (left is [var l] && l == s && right.Count > 0 && right.All(r => r < s))
                    {
                        keys.Add(new JoinKey(eq.Right, eq.Left));
                        continue;
                    }
                    if (right is [var r2] && r2 == s && left.Count > 0 && left.All(x => x < s))
                    {
                        keys.Add(new JoinKey(eq.Left, eq.Right));
                        continue;
                    }
                }
                residual.Add(conjunct);
            }
            if (keys.Count == 0 && ColumnsKnown && !SubqueryJoins.MayScanTable(join))
            {
                Error(join.Condition.Location, NoKeyEquality(join));
            }
            return new LookupJoin(stream, table, keys, And(residual), join.Kind is JoinKind.Left or JoinKind.Scalar, join.Location, SubqueryJoins.Match(join.Kind));
        }

        private IntervalJoin PlanIntervalJoin(JoinClause join, JoinInterval interval, Scan left, Scan right)
        {
            var keys = new List<JoinKey>();
            var residual = new List<Expr>();
            foreach (var conjunct in JoinIntervalRecognizer.Conjuncts(join.Condition))
            {
                // The time bound is checked natively (it also accepts epoch-millisecond numbers).
                if (conjunct is BetweenExpr between && ReferenceEquals(between.Operand, interval.Subject)) continue;
                if (conjunct is BinaryExpr { Operator: BinaryOperator.Equal } eq)
                {
                    var l = Referenced(eq.Left);
                    var r = Referenced(eq.Right);
                    if (l is [0] && r is [1])
                    {
                        keys.Add(new JoinKey(eq.Left, eq.Right));
                        continue;
                    }
                    if (l is [1] && r is [0])
                    {
                        keys.Add(new JoinKey(eq.Right, eq.Left));
                        continue;
                    }
                }
                residual.Add(conjunct);
            }
            if (keys.Count == 0 && ColumnsKnown)
            {
                Error(join.Condition.Location, NoKeyEquality(join));
            }
            var subjectSide = _columns.SourcesOf(interval.Subject).FirstOrDefault(-1);
            var anchorSide = _columns.SourcesOf(interval.Anchor).FirstOrDefault(-1);
            if ((subjectSide < 0 || anchorSide < 0 || subjectSide == anchorSide) && ColumnsKnown)
            {
                Error(interval.Location, "the BETWEEN of an interval join must compare a time column of each stream");
            }
            return new IntervalJoin(left, right, keys, interval.Subject, interval.Anchor, subjectSide,
                (long)interval.Lower.TotalMilliseconds, (long)interval.Upper.TotalMilliseconds, And(residual), join.Kind == JoinKind.Left, join.Location);
        }

        // Where an unqualified column comes from depends on the columns of every source: while a CSV
        // header is not read yet, the join's keys are checked when the job starts (and plans again).
        private bool ColumnsKnown => !schemas.Any(s => s.ColumnsPending);

        // Both kinds of join are executed as hash lookups on the equality keys in ON.
        private static string NoKeyEquality(JoinClause join) =>
            $"JOIN ... ON needs an equality between a column of '{join.Right.EffectiveAlias}' and a column of an earlier source";

        private List<int> Referenced(Expr expr) =>
            [.. ExprWalker.DescendantsAndSelf(expr).OfType<ColumnRef>().Where(c => !c.IsSystem).SelectMany(_columns.SourcesOf).Distinct().Order()];

        private static Expr? And(List<Expr> parts) =>
            parts.Count == 0 ? null : parts.Skip(1).Aggregate(parts[0], (a, b) => new BinaryExpr(BinaryOperator.And, a, b, a.Location));

        private List<RowFunctionCall> RowCalls()
        {
            var calls = new List<RowFunctionCall>();
            foreach (var call in _query.Items.OfType<ExpressionItem>()
                .SelectMany(i => ExprWalker.DescendantsAndSelf(i.Expression))
                .OfType<FunctionCall>()
                .Where(c => c.Over is not null && (IsRowFunction(c.Name) || FunctionCatalog.IsAggregate(c.Name) || FunctionCatalog.Find(c.Name)?.Kind == FunctionKind.WindowRow)))
            {
                if (!IsRowFunction(call.Name))
                {
                    calls.Add(RowFrames.Of(call));
                    continue;
                }
                var offset = 1;
                if (call.Arguments.Count > 1)
                {
                    if (call.Arguments[1] is IntegerLiteral { Value: >= 1 and <= MaxRowOffset } n)
                    {
                        offset = (int)n.Value;
                    }
                    else
                    {
                        Error(call.Arguments[1].Location, $"{call.Name} offset must be an integer literal from 1 to {MaxRowOffset}");
                    }
                }
                var buffer = (int)Math.Clamp(call.Over!.BufferRows ?? 1000, offset, 1_000_000);
                calls.Add(new RowFunctionCall(call, call.Name.Equals("LEAD", StringComparison.OrdinalIgnoreCase), offset, buffer));
            }
            return calls;
        }

        private static bool IsRowFunction(string name) =>
            name.Equals("LAG", StringComparison.OrdinalIgnoreCase) || name.Equals("LEAD", StringComparison.OrdinalIgnoreCase);

        private Aggregate PlanAggregate(LogicalPlan input)
        {
            var keys = _query.GroupBy.Select(_columns.Unalias).ToList();
            var calls = new List<FunctionCall>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in _query.Items.OfType<ExpressionItem>()) CollectAggregates(item.Expression, calls, seen);
            if (_query.Having is not null) CollectAggregates(_query.Having, calls, seen);
            var emit = _query.Emit?.Mode ?? (_query.Window is not null ? EmitMode.Final : EmitMode.Changes);
            var location = _query.Window?.Location ?? (_query.GroupBy.Count > 0 ? _query.GroupBy[0].Location : _query.Location);
            return _query.Window is { } window
                ? new WindowAggregate(input, keys, calls, _query.Having, emit, window, location)
                : new GroupAggregate(input, keys, calls, _query.Having, emit, location);
        }

        private void CollectAggregates(Expr expr, List<FunctionCall> calls, HashSet<string> seen)
        {
            if (expr is FunctionCall { Over: not null } overCall)
            {
                // A function over rows next to GROUP BY: the group shows its value at the group's last row.
                var last = RowFrames.LastRowValue(overCall);
                if (seen.Add(ExprPrinter.MatchKey(last))) calls.Add(last);
                return;
            }
            if (FunctionChecker.IsGroupingAggregate(expr))
            {
                if (seen.Add(ExprPrinter.MatchKey(expr))) calls.Add((FunctionCall)expr);
                return;
            }
            if (expr is ColumnRef c && _columns.AliasOf(c) is { } aliased)
            {
                CollectAggregates(aliased.Expression, calls, seen);
                return;
            }
            foreach (var child in ExprWalker.Children(expr))
            {
                CollectAggregates(child, calls, seen);
            }
        }

        private Project PlanProject(LogicalPlan input)
        {
            var items = _query.Items;
            var wildcards = items.OfType<WildcardItem>().ToList();
            var passThrough = wildcards.Count > 0 && wildcards.Any(w => ExpandedSources(w).Any(i => !schemas[i].HasColumns));
            if (passThrough)
            {
                // Over JSON the columns are not known before records arrive, so * can only pass each
                // object through whole: as the first item of a one-source query, into JSON.
                if (_sources.Count > 1 || items[0] is not WildcardItem || wildcards.Count > 1)
                {
                    Error(wildcards[0].Location, "SELECT * over a JSON source must be the first item and the query must read one source; list the columns instead");
                }
                else if (sinkFormat == PayloadFormat.Csv)
                {
                    Error(wildcards[0].Location, "SELECT * over a JSON source cannot write CSV (its columns are not known); list the columns instead");
                }
            }
            var columns = new List<OutputColumn>();
            foreach (var item in items)
            {
                if (item is ExpressionItem e)
                {
                    columns.Add(new OutputColumn(e.OutputName, e.Expression, e.IsPrimaryKey));
                }
                else if (item is WildcardItem w && !passThrough)
                {
                    foreach (var i in ExpandedSources(w))
                    {
                        foreach (var column in schemas[i].Columns!)
                        {
                            columns.Add(new OutputColumn(column, new ColumnRef(_sources[i].EffectiveAlias, column, w.Location), false));
                        }
                    }
                }
            }
            return new Project(input, UnionColumns(columns), passThrough, _query.Location);
        }

        // A SELECT of a UNION ALL writes the first SELECT's column names, its numbers widened to the shared type.
        private List<OutputColumn> UnionColumns(List<OutputColumn> columns)
        {
            if (bound.UnionOutput is not { } union || union.Names.Count != columns.Count) return columns;
            return [.. columns.Select((c, i) => c with
            {
                Name = union.Names[i],
                Expression = union.Casts[i] is { } type ? new CastExpr(c.Expression, type, c.Expression.Location) : c.Expression,
            })];
        }

        private IEnumerable<int> ExpandedSources(WildcardItem w) =>
            Enumerable.Range(0, _sources.Count).Where(i => w.Qualifier is null || ColumnResolver.Matches(_sources[i], w.Qualifier));

        // ORDER BY sorts what is emitted together: a closing window's rows, every group at the end
        // (EMIT FINAL), or all rows of a query over bounded sources. It names output columns (by
        // name, alias, SELECT expression or position); elsewhere (EMIT CHANGES, unbounded streams) it has no effect.
        private Sort? PlanSort(Project project)
        {
            if (_query.OrderBy.Count == 0) return null;
            var final = (_query.Emit?.Mode ?? (_query.Window is not null ? EmitMode.Final : EmitMode.Changes)) == EmitMode.Final;
            var bounded = schemas.Where((s, i) => i == 0 || _query.Joins[i - 1].Interval is not null).All(s => s.IsBounded);
            if (bound.IsAggregating ? !final : !bounded) return null;
            if (project.PassThrough)
            {
                Error(_query.OrderBy[0].Location, "ORDER BY needs the output columns listed (not SELECT * over JSON)");
                return null;
            }
            var names = project.Columns.Select(c => c.Name).ToList();
            var keys = new List<SortKey>();
            foreach (var item in _query.OrderBy)
            {
                var slot = item.Expression switch
                {
                    IntegerLiteral { Value: >= 1 } n when n.Value <= names.Count => (int)n.Value - 1,
                    ColumnRef { Qualifier: null } c when names.FindIndex(x => x.Equals(c.Name, StringComparison.OrdinalIgnoreCase)) is var i and >= 0 => i,
                    var e => project.Columns.ToList().FindIndex(x => ExprPrinter.MatchKey(x.Expression) == ExprPrinter.MatchKey(_columns.Unalias(e))),
                };
                if (slot < 0)
                {
                    Error(item.Location, $"ORDER BY {item.Expression} must name an output column");
                    continue;
                }
                keys.Add(new SortKey(slot, item.Descending));
            }
            return new Sort(project, keys, _query.OrderBy[0].Location);
        }
    }
}
