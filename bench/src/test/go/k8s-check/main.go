// k8s-check decodes Kubernetes manifests strictly into the API's own Go types (k8s.io/api), as
// the API server's strict field validation does: an unknown or misspelt field, a value of the
// wrong type or a kind it does not know is an error. It knows the kinds examples/sharding/
// uses. Each argument is a YAML file of one or more documents; it prints one line per
// document, "FILE: KIND NAME", and exits 1 on the first error, naming the file and document.
// Built and run by bench's ShardingExamplesIT.
package main

import (
	"bytes"
	"fmt"
	"os"
	"regexp"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/yaml"
)

type typeMeta struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
}

var separator = regexp.MustCompile(`(?m)^---[ \t]*$`)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: k8s-check FILE.yaml...")
		os.Exit(2)
	}
	for _, file := range os.Args[1:] {
		text, err := os.ReadFile(file)
		if err != nil {
			fail(file, 0, err)
		}
		for i, doc := range separator.Split(string(text), -1) {
			if len(bytes.TrimSpace([]byte(stripComments(doc)))) == 0 {
				continue
			}
			var meta typeMeta
			if err := yaml.Unmarshal([]byte(doc), &meta); err != nil {
				fail(file, i+1, err)
			}
			var object interface{}
			switch meta.APIVersion + " " + meta.Kind {
			case "batch/v1 Job":
				object = &batchv1.Job{}
			case "v1 PersistentVolumeClaim":
				object = &corev1.PersistentVolumeClaim{}
			case "v1 ConfigMap":
				object = &corev1.ConfigMap{}
			default:
				fail(file, i+1, fmt.Errorf("unknown kind %q of apiVersion %q", meta.Kind, meta.APIVersion))
			}
			if err := yaml.UnmarshalStrict([]byte(doc), object); err != nil {
				fail(file, i+1, err)
			}
			name := ""
			switch o := object.(type) {
			case *batchv1.Job:
				name = o.Name
			case *corev1.PersistentVolumeClaim:
				name = o.Name
			case *corev1.ConfigMap:
				name = o.Name
			}
			fmt.Printf("%s: %s %s\n", file, meta.Kind, name)
		}
	}
}

func stripComments(doc string) string {
	return regexp.MustCompile(`(?m)^\s*#.*$`).ReplaceAllString(doc, "")
}

func fail(file string, doc int, err error) {
	fmt.Fprintf(os.Stderr, "%s (document %d): %v\n", file, doc, err)
	os.Exit(1)
}
