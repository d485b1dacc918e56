# Transcripts of minihv runs; sourced by the tests/e2e/run_*.sh runners (POSIX sh).
#
# A run's console (console.txt) is compared in two parts:
#   neutral    everything but the rows of the hardware exit-reason table, with the CPU vendor and
#              the backend tag of the PASS/FAIL line replaced by "*": the same for every backend
#              and platform -> tests/e2e/expected/<guest>.txt
#   hardware   the rows of "exit statistics (hardware exit reasons):" (VMX exit reasons, SVM
#              EXITCODEs): the same for every platform of one backend
#              -> tests/e2e/expected/<backend>/<guest>.hw.txt (backend: vmx, svm)
#              unless the platform's own file tests/e2e/expected/<tag>/<guest>.hw.txt exists
#              (tag: vmx-bochs, svm-qemu, svm-bochs), where an emulator counts differently (see
#              tests/e2e/expected/README.md)
#
#   transcript_check <backend> <tag> <guest> <console.txt> <workdir>
#     0 when both parts match; else 1 after printing what differs (indented, at most 20 lines).
#     With XVCPU_E2E_BLESS=1 it writes both expected files instead (call it for PASS runs only).

transcript_split() { # <console> <neutral-out> <hw-out>
	awk -v neutral="$2" -v hw="$3" '
		/^exit statistics \(hardware exit reasons\):$/ { print > neutral; table = 1; next }
		table && /^  / { print > hw; next }
		{
			table = 0
			if ($0 ~ /^minihv: booted \(cpu vendor [^)]*\)$/) $0 = "minihv: booted (cpu vendor *)"
			if ($0 ~ /^(PASS|FAIL) [a-z]+-[a-z]+ /) $0 = $1 " * " substr($0, length($1 $2) + 3)
			print > neutral
		}' "$1"
	touch "$2" "$3"
}

transcript_check() { # <backend> <tag> <guest> <console> <workdir>
	tc_root=$(cd "$(dirname "$0")/../.." && pwd)
	tc_neutral_exp=tests/e2e/expected/$3.txt
	tc_hw_exp=tests/e2e/expected/$2/$3.hw.txt
	[ -f "$tc_root/$tc_hw_exp" ] || tc_hw_exp=tests/e2e/expected/$1/$3.hw.txt
	mkdir -p "$5"
	rm -f "$5/neutral.txt" "$5/hw.txt"
	transcript_split "$4" "$5/neutral.txt" "$5/hw.txt"
	if [ "${XVCPU_E2E_BLESS:-}" = 1 ]; then
		mkdir -p "$tc_root/$(dirname "$tc_hw_exp")"
		cp "$5/neutral.txt" "$tc_root/$tc_neutral_exp.tmp.$$" && mv "$tc_root/$tc_neutral_exp.tmp.$$" "$tc_root/$tc_neutral_exp"
		cp "$5/hw.txt" "$tc_root/$tc_hw_exp.tmp.$$" && mv "$tc_root/$tc_hw_exp.tmp.$$" "$tc_root/$tc_hw_exp"
	fi
	for tc_part in neutral hw; do
		if [ $tc_part = neutral ]; then tc_exp=$tc_neutral_exp; else tc_exp=$tc_hw_exp; fi
		if [ ! -f "$tc_root/$tc_exp" ]; then
			echo "no expected transcript $tc_exp"
			return 1
		fi
		tc_want=$tc_root/$tc_exp
		if [ $tc_part = hw ] && [ -n "${XVCPU_TRANSCRIPT_HW_IGNORE:-}" ]; then
			# rows a platform counts from run to run differently (XVCPU_TRANSCRIPT_HW_IGNORE, an
			# ERE of row names), left out of both sides
			grep -v -E "^  ($XVCPU_TRANSCRIPT_HW_IGNORE) " "$tc_want" >"$5/hw.expected.txt"
			grep -v -E "^  ($XVCPU_TRANSCRIPT_HW_IGNORE) " "$5/hw.txt" >"$5/hw.got.txt" && mv "$5/hw.got.txt" "$5/hw.txt"
			tc_want=$5/hw.expected.txt
		fi
		if ! diff -u "$tc_want" "$5/$tc_part.txt" >"$5/$tc_part.diff"; then
			echo "transcript differs from $tc_exp:"
			sed 's/^/    /' "$5/$tc_part.diff" | head -20
			return 1
		fi
	done
	return 0
}
