# Runs catalog_gen on copies of the real data with one defect each and checks that it fails
# with a message naming the file, the line and the problem. Invoked by ctest.
set(D ${SRC}/catalog)
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
file(GLOB EXPLAIN ${D}/data/explain/*.txt)

function(expect_failure name codes neighbours sources explain_extra needle)
  execute_process(COMMAND ${GEN} ${WORK}/${name}.inc ${codes} ${neighbours} ${sources} ${EXPLAIN} ${explain_extra}
                  RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET)
  if(rc EQUAL 0)
    message(FATAL_ERROR "${name}: catalog_gen accepted bad data")
  endif()
  string(FIND "${err}" "${needle}" pos)
  if(pos EQUAL -1)
    message(FATAL_ERROR "${name}: expected '${needle}' in:\n${err}")
  endif()
  message(STATUS "${name}: rejected as expected")
endfunction()

# The real data passes.
execute_process(COMMAND ${GEN} ${WORK}/ok.inc ${D}/data/codes.tsv ${D}/data/neighbours.tsv ${D}/SOURCES.tsv ${EXPLAIN} RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the real catalog data is rejected:\n${err}")
endif()

# A claim citing a source that does not exist.
file(WRITE ${WORK}/bad_source.txt "== 13801 ERROR_IPSEC_IKE_AUTH_FAIL\nsummary: x [NO-SUCH-SOURCE]\n")
expect_failure(unknown_source ${D}/data/codes.tsv ${D}/data/neighbours.tsv ${D}/SOURCES.tsv ${WORK}/bad_source.txt "bad_source.txt:2: error: unknown source id 'NO-SUCH-SOURCE'")

# A claim without any source.
file(WRITE ${WORK}/no_source.txt "== 13801 ERROR_IPSEC_IKE_AUTH_FAIL\nsummary: nothing backs this\n")
expect_failure(missing_source ${D}/data/codes.tsv ${D}/data/neighbours.tsv ${D}/SOURCES.tsv ${WORK}/no_source.txt "no_source.txt:2: error: claim must end with its source ids")

# Codes out of order / duplicated value.
file(READ ${D}/data/codes.tsv codes)
string(REPLACE "13001\tERROR_IPSEC_QM_POLICY_NOT_FOUND" "13000\tERROR_IPSEC_QM_POLICY_NOT_FOUND" dup "${codes}")
file(WRITE ${WORK}/dup_codes.tsv "${dup}")
expect_failure(duplicate_value ${WORK}/dup_codes.tsv ${D}/data/neighbours.tsv ${D}/SOURCES.tsv "" "values must be unique and ascending")

# A value in the wrong sub-range.
string(REPLACE "13910\tERROR_IPSEC_BAD_SPI\tkernel-drop" "13910\tERROR_IPSEC_BAD_SPI\tike-core" wrong "${codes}")
file(WRITE ${WORK}/wrong_range.tsv "${wrong}")
expect_failure(wrong_sub_range ${WORK}/wrong_range.tsv ${D}/data/neighbours.tsv ${D}/SOURCES.tsv "" "does not fit value 13910")

# A copied meaning (uniqueness).
file(WRITE ${WORK}/copy.txt "")
foreach(f ${EXPLAIN})
  file(READ ${f} t)
  file(APPEND ${WORK}/copy.txt "${t}\n")
endforeach()
file(READ ${WORK}/copy.txt all)
string(REGEX MATCH "== 13806 [^\n]*\n[^\n]*\nmeaning: [^\n]*" m13806 "${all}")
string(REGEX MATCH "meaning: [^\n]*" meaning13806 "${m13806}")
string(REGEX REPLACE "(== 13805 [^\n]*\n[^\n]*\n)meaning: [^\n]*" "\\1${meaning13806}" copied "${all}")
file(WRITE ${WORK}/copied.txt "${copied}")
set(EXPLAIN "")
expect_failure(same_meaning ${D}/data/codes.tsv ${D}/data/neighbours.tsv ${D}/SOURCES.tsv ${WORK}/copied.txt "same meaning as")
