# Shared by the benches (source it from the project root).
# median: the median of the numbers on standard input, printed with printf's $MEDIAN_FORMAT (as it reads them by
# default): the middle one, or the mean of the two middle ones.
median() {
  sort -g | awk -v format="${MEDIAN_FORMAT:-%s}" \
    '{a[NR] = $1} END {m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf format, m}'
}
# now: wall-clock seconds, to the nanosecond.
now() { date +%s.%N; }
# started_in LOG: Spring Boot's own start-up time, from its "Started <App> in N seconds" line.
started_in() { sed -n 's/.*Started [A-Za-z0-9]* in \([0-9.]*\) seconds.*/\1/p' "$1" | head -n 1; }
