"""Quality statistics: intervals, funnel plots, CUSUM charts, indicators and case logs."""
