# packaging.cmake — `cmake --install` layout, the man page and the .deb (CPack). Included last from
# the top-level CMakeLists.txt. Layout under the prefix (/usr in the .deb, /usr/local by default):
#   bin/winerr-ls
#   share/man/man1/winerr-ls.1.gz              generated at build time from the binary's help
#   share/nvim/site/{lsp,lua,plugin}/…         Neovim (on the default 'runtimepath' from /usr/share)
#   share/vim/vimfiles/{ale_linters,ftdetect}/… Vim + ALE (Debian's system-wide vimfiles)
#   share/emacs/site-lisp/winerr-ls.el         Emacs + eglot (on the default load-path)
#   share/doc/winerr-ls/                       README, packaging notes, copyright
include(GNUInstallDirs)
set(_pkg ${CMAKE_CURRENT_LIST_DIR})

install(TARGETS winerr-ls RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# The man page: needs to run the binary, so only where it runs (not in a cross build).
if(NOT CMAKE_CROSSCOMPILING)
  find_program(GZIP_PROGRAM gzip)
  set(_man ${PROJECT_BINARY_DIR}/winerr-ls.1)
  add_custom_command(OUTPUT ${_man} ${_man}.gz
    COMMAND sh ${_pkg}/gen_manpage.sh $<TARGET_FILE:winerr-ls> ${_man} ${PROJECT_VERSION}
    COMMAND ${GZIP_PROGRAM} -9nf -k ${_man}
    DEPENDS winerr-ls ${_pkg}/gen_manpage.sh
    COMMENT "man page winerr-ls.1 from winerr-ls --help"
    VERBATIM)
  add_custom_target(winerr-ls-man ALL DEPENDS ${_man} ${_man}.gz)
  install(FILES ${_man}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endif()

set(_ed ${PROJECT_SOURCE_DIR}/editors)
install(DIRECTORY ${_ed}/nvim/lsp ${_ed}/nvim/lua ${_ed}/nvim/plugin DESTINATION ${CMAKE_INSTALL_DATADIR}/nvim/site)
install(DIRECTORY ${_ed}/vim/ale_linters ${_ed}/vim/ftdetect DESTINATION ${CMAKE_INSTALL_DATADIR}/vim/vimfiles)
install(FILES ${_ed}/emacs/winerr-ls.el DESTINATION ${CMAKE_INSTALL_DATADIR}/emacs/site-lisp)
foreach(_doc README.md docs/packaging.md)
  if(EXISTS ${PROJECT_SOURCE_DIR}/${_doc})
    install(FILES ${PROJECT_SOURCE_DIR}/${_doc} DESTINATION ${CMAKE_INSTALL_DOCDIR})
  endif()
endforeach()
install(FILES ${_ed}/vscode/LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME copyright)

# cpack -G DEB (or the `package` target): build/…/packages/winerr-ls_<version>_<arch>.deb
set(CPACK_GENERATOR DEB)
set(CPACK_SOURCE_GENERATOR "")
set(CPACK_PACKAGE_NAME winerr-ls)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "language server and CLI for Win32 IPsec/IKE error codes")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "language server and CLI for Win32 IPsec/IKE error codes
 winerr-ls finds Win32 IPsec/IKE error codes (13000-13932, their HRESULT and
 NTSTATUS/WFP neighbours) in VPN client logs, IKEEXT traces, scripts and headers,
 and explains them: as an LSP server for any editor (Neovim, Vim + ALE, Emacs +
 eglot and VS Code files included) and as a command line (check, explain).")
set(CPACK_PACKAGE_CONTACT "winerr-ls developers <winerr-ls@users.noreply.invalid>")
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)          # Depends: from dpkg-shlibdeps (libc6, libstdc++6, libgcc-s1)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "neovim | vim-ale | elpa-eglot")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)          # winerr-ls_0.1.0_amd64.deb
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)                        # the build may be RelWithDebInfo; the package is not
set(CPACK_OUTPUT_FILE_PREFIX ${PROJECT_BINARY_DIR}/packages)
set(CPACK_PACKAGE_CHECKSUM SHA256)
include(CPack)

# ctest -L package: the .deb, the .vsix files, the VS Code resolver (node --test).
if(WINERR_BUILD_TESTS AND NOT CMAKE_CROSSCOMPILING)
  set(WINERR_PKG_LINUX_ARM64 "${PROJECT_SOURCE_DIR}/build/linux-arm64/winerr-ls" CACHE FILEPATH
      "winerr-ls for linux-arm64 to put in its .vsix (a missing file = that .vsix is SKIPPED)")
  set(WINERR_PKG_WIN32_X64 "${PROJECT_SOURCE_DIR}/build/windows-x64-release/winerr-ls.exe" CACHE FILEPATH
      "winerr-ls.exe for win32-x64 to put in its .vsix (a missing file = that .vsix is SKIPPED)")
  set(WINERR_PKG_LINUX_X64 "" CACHE FILEPATH "winerr-ls for linux-x64's .vsix (empty: the one this build makes)")
  if(DEFINED ENV{WINERR_CACHE})
    set(_pkg_cache "$ENV{WINERR_CACHE}")
  else()
    set(_pkg_cache "$ENV{HOME}/.cache/winerr-ls")
  endif()
  find_program(NODE_PROGRAM node)
  add_test(NAME package.vscode-resolver COMMAND ${NODE_PROGRAM} --test ${PROJECT_SOURCE_DIR}/editors/vscode/test/)
  add_test(NAME package.vsix COMMAND bash ${PROJECT_SOURCE_DIR}/tests/package/test_vsix.sh)
  add_test(NAME package.deb COMMAND bash ${PROJECT_SOURCE_DIR}/tests/package/test_deb.sh)
  set_tests_properties(package.vscode-resolver package.vsix package.deb PROPERTIES LABELS package TIMEOUT 300)
  set_tests_properties(package.vsix PROPERTIES SKIP_RETURN_CODE 77 ENVIRONMENT
    "WINERR_CACHE=${_pkg_cache};WINERR_PKG_OUT=${PROJECT_BINARY_DIR}/packages;WINERR_PKG_LINUX_X64=$<IF:$<BOOL:${WINERR_PKG_LINUX_X64}>,${WINERR_PKG_LINUX_X64},$<TARGET_FILE:winerr-ls>>;WINERR_PKG_LINUX_ARM64=${WINERR_PKG_LINUX_ARM64};WINERR_PKG_WIN32_X64=${WINERR_PKG_WIN32_X64}")
  set_tests_properties(package.deb PROPERTIES ENVIRONMENT
    "WINERR_BUILD_DIR=${PROJECT_BINARY_DIR};WINERR_VERSION=${PROJECT_VERSION}")
endif()
