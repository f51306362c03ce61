# Sourced by bin/awb (and the checkout's ./awb): chooses which build of ND4J's CPU natives goes on the class path.
#
# lib/native/NAME/ holds one build each: avx512 (oneDNN, AVX-512), avx2 (oneDNN, AVX2 + FMA), generic (any x86-64).
# Exactly one goes on the class path: with several, JavaCPP would load whichever it met first. By default the best
# one this CPU supports, from the flags in /proc/cpuinfo; AWB_NATIVE=generic|avx2|avx512 chooses one (auto: the
# default). Bash builtins only: the launcher runs where nothing but bash and java may be on the PATH. AWB_CPUINFO
# names another file to read the flags from (the distribution's tests use it to play a CPU without AVX-512).
#
# awb_choose_native LIB_DIR sets AWB_NATIVE_CHOSEN (a folder name under LIB_DIR/native, empty when the distribution
# has no such folder) and AWB_NATIVE_CHOSEN_BY (why), or prints an error and returns 2.

awb_cpu_best_native() {
  local flags="" line cpuinfo="${AWB_CPUINFO:-/proc/cpuinfo}"
  if [ -r "$cpuinfo" ]; then
    while IFS= read -r line; do
      case "$line" in flags*) flags=" ${line#*:} "; break ;; esac
    done < "$cpuinfo"
  fi
  local f avx512=1 avx2=1
  for f in avx512f avx512bw avx512vl avx512dq avx2 fma; do
    [[ "$flags" == *" $f "* ]] || avx512=0
  done
  for f in avx2 fma; do
    [[ "$flags" == *" $f "* ]] || avx2=0
  done
  if [ "$avx512" = 1 ]; then echo avx512; elif [ "$avx2" = 1 ]; then echo avx2; else echo generic; fi
}

awb_choose_native() {
  local lib="$1" wanted="${AWB_NATIVE:-auto}" best rank_best rank_wanted available="" d
  AWB_NATIVE_CHOSEN=""
  AWB_NATIVE_CHOSEN_BY=""
  for d in "$lib"/native/*/; do
    [ -d "$d" ] && { d="${d%/}"; available="$available${available:+, }${d##*/}"; }
  done
  best="$(awb_cpu_best_native)"
  case "$wanted" in
    auto)
      if [ -z "$available" ]; then
        return 0
      fi
      # The best build the CPU supports that this distribution ships.
      for d in avx512 avx2 generic; do
        case "$best:$d" in avx2:avx512|generic:avx512|generic:avx2) continue ;; esac
        if [ -d "$lib/native/$d" ]; then
          AWB_NATIVE_CHOSEN="$d"
          AWB_NATIVE_CHOSEN_BY="the CPU's flags (best supported: $best; AWB_NATIVE=generic|avx2|avx512 overrides)"
          return 0
        fi
      done
      echo "awb: no native build in $lib/native fits this CPU (supports $best; shipped: ${available:-none})" >&2
      return 2
      ;;
    generic|avx2|avx512)
      rank_best=0 rank_wanted=0
      case "$best" in avx2) rank_best=1 ;; avx512) rank_best=2 ;; esac
      case "$wanted" in avx2) rank_wanted=1 ;; avx512) rank_wanted=2 ;; esac
      if [ "$rank_wanted" -gt "$rank_best" ]; then
        echo "awb: AWB_NATIVE=$wanted, but this CPU supports only $best (its /proc/cpuinfo flags); valid here: generic${available:+ or up to $best}" >&2
        return 2
      fi
      if [ ! -d "$lib/native/$wanted" ]; then
        echo "awb: AWB_NATIVE=$wanted: this distribution has no $lib/native/$wanted; shipped: ${available:-none}" >&2
        return 2
      fi
      AWB_NATIVE_CHOSEN="$wanted"
      AWB_NATIVE_CHOSEN_BY="AWB_NATIVE=$wanted"
      ;;
    *)
      echo "awb: AWB_NATIVE=$wanted: unknown native build; valid: auto, generic, avx2, avx512" >&2
      return 2
      ;;
  esac
}
