1<?xml version="1.0" encoding="utf-8" ?>
<ogr:FeatureCollection
     gml:id="aFeatureCollection"
     xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
     xsi:schemaLocation="http://ogr.maptools.org/ boundary.xsd"
     xmlns:ogr="http://ogr.maptools.org/"
     xmlns:gml="http://www.opengis.net/gml/3.2">
  <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>32.6 116.8</gml:lowerCorner><gml:upperCorner>32.7 117.1</gml:upperCorner></gml:Envelope></gml:boundedBy>
                                                                                                                                                                
  <ogr:featureMember>
    <ogr:boundary gml:id="boundary.0">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>32.6 116.8</gml:lowerCorner><gml:upperCorner>32.7 116.9</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Polygon srsName="urn:ogc:def:crs:EPSG::4326" gml:id="boundary.geom.0"><gml:exterior><gml:LinearRing><gml:posList>32.6 116.8 32.6 116.9 32.7 116.9 32.7 116.8 32.6 116.8</gml:posList></gml:LinearRing></gml:exterior><gml:interior><gml:LinearRing><gml:posList>32.64 116.84 32.66 116.84 32.66 116.86 32.64 116.86 32.64 116.84</gml:posList></gml:LinearRing></gml:interior></gml:Polygon></ogr:geometryProperty>
      <ogr:name>square with a hole</ogr:name>
    </ogr:boundary>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:boundary gml:id="boundary.1">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>32.6 117.0</gml:lowerCorner><gml:upperCorner>32.7 117.1</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:MultiSurface srsName="urn:ogc:def:crs:EPSG::4326" gml:id="boundary.geom.1"><gml:surfaceMember><gml:Polygon gml:id="boundary.geom.1.0"><gml:exterior><gml:LinearRing><gml:posList>32.6 117.0 32.6 117.1 32.7 117.1 32.6 117.0</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></gml:surfaceMember></gml:MultiSurface></ogr:geometryProperty>
    </ogr:boundary>
  </ogr:featureMember>
</ogr:FeatureCollection>
